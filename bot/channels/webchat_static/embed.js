/* Partnerbot website widget. Embed with:
 *   <div id="partnerbot"></div>
 *   <script src="https://BOT-HOST/webchat/embed.js" data-bot-url="https://BOT-HOST"></script>
 * Everything (the deep-chat bundle included) is loaded from the bot itself, never from a CDN.
 * Text from users and from the bot is always escaped: it is shown as text, never run as HTML.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var base = (script.getAttribute("data-bot-url") || new URL(script.src, location.href).origin).replace(/\/$/, "");
  var mountId = script.getAttribute("data-element") || "partnerbot";
  var MAX_CHARS = 2000;
  var STORAGE_KEY = "partnerbot-sender";
  var UNREACHABLE = "De assistent is nu niet bereikbaar. Probeer het over een paar minuten opnieuw.";
  var TOO_LONG = "Je bericht is te lang (meer dan " + MAX_CHARS + " tekens). Kun je het korter maken?";
  var buttonPayloads = {};

  function newSender() {
    var id = (window.crypto && crypto.randomUUID) ? crypto.randomUUID().replace(/-/g, "") :
      String(Date.now()) + Math.random().toString(16).slice(2);
    localStorage.setItem(STORAGE_KEY, "web-" + id.slice(0, 24));
    return localStorage.getItem(STORAGE_KEY);
  }
  function sender() { return localStorage.getItem(STORAGE_KEY) || newSender(); }

  function escapeHtml(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  }
  // Links in already escaped text: web addresses and e-mail addresses only.
  function linkify(escaped) {
    return escaped
      .replace(/\b((?:https?:\/\/|www\.)[^\s<]+[^\s<.,;:!?)])/g, function (m) {
        var href = m.indexOf("http") === 0 ? m : "https://" + m;
        return '<a href="' + href + '" target="_blank" rel="noopener noreferrer">' + m + "</a>";
      })
      .replace(/\b([\w.+-]+@[\w-]+(?:\.[\w-]+)+)\b/g, '<a href="mailto:$1">$1</a>');
  }
  // A bot message as HTML: lines '- x' become a list, 'Bron: ...' a source line, buttons real buttons.
  function renderBot(text, buttons) {
    var html = "", list = [];
    function flush() {
      if (list.length) { html += "<ul>" + list.join("") + "</ul>"; list = []; }
    }
    String(text || "").split("\n").forEach(function (line) {
      var item = /^\s*(?:-|\d{1,2}\.)\s+(.*)$/.exec(line);
      if (item) { list.push("<li>" + linkify(escapeHtml(item[1])) + "</li>"); return; }
      flush();
      if (!line.trim()) return;
      if (/^Bron: /.test(line)) {
        html += '<p class="pb-source" style="font-size:.85em;color:#455a64;border-top:1px solid #cfd8dc;padding-top:.3em;margin:.4em 0 0">' +
          linkify(escapeHtml(line)) + "</p>";
      } else {
        html += '<p style="margin:.2em 0">' + linkify(escapeHtml(line)) + "</p>";
      }
    });
    flush();
    if (buttons && buttons.length) {
      html += '<div class="pb-buttons" role="group" aria-label="Kies een antwoord" style="margin-top:.4em">';
      buttons.forEach(function (b) {
        buttonPayloads[b.title] = b.payload;
        html += '<button type="button" class="deep-chat-button deep-chat-suggestion-button" ' +
          'style="margin:.2em;border-radius:1em;padding:.25em .8em">' + escapeHtml(b.title) + "</button>";
      });
      html += "</div>";
    }
    return html;
  }

  function post(message) {
    return fetch(base + "/webchat/webhook", {
      method: "POST", headers: {"Content-Type": "application/json"},
      body: JSON.stringify({sender: sender(), message: message})
    }).then(function (r) {
      if (r.status === 413) { return [{text: TOO_LONG}]; }
      if (!r.ok) { throw new Error("HTTP " + r.status); }
      return r.json();
    });
  }
  function botMessages(replies) {
    return replies.map(function (m) { return {role: "ai", html: renderBot(m.text, m.buttons)}; });
  }

  function mount() {
    var host = document.getElementById(mountId);
    if (!host) { return; }
    var box = document.createElement("section");
    box.className = "pb-chat";
    box.setAttribute("aria-label", "Chat met Partnerbot");
    var toolbar = document.createElement("div");
    toolbar.className = "pb-toolbar";
    var reset = document.createElement("button");
    reset.type = "button";
    reset.textContent = "Nieuw gesprek";
    reset.setAttribute("aria-label", "Begin een nieuw gesprek");
    toolbar.appendChild(reset);
    var chat = document.createElement("deep-chat");
    chat.setAttribute("aria-label", "Gesprek met Partnerbot");
    // A font of our own: with its default font deep-chat would fetch that font from a CDN.
    chat.style.fontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
    chat.style.width = "100%";
    chat.style.height = "32rem";
    chat.style.borderRadius = "8px";
    chat.style.border = "1px solid #cfd8dc";
    chat.textInput = {placeholder: {text: "Typ je vraag…"}, characterLimit: MAX_CHARS,
                      styles: {container: {}}};
    chat.remarkable = {html: false, breaks: true};
    chat.requestBodyLimits = {maxMessages: 1};
    chat.connect = {
      handler: function (body, signals) {
        var last = body.messages[body.messages.length - 1] || {};
        var text = (last.text || "").trim();
        if (text.length > MAX_CHARS) { signals.onResponse({text: TOO_LONG}); return; }
        // A clicked button sends its title; the bot gets the button's payload.
        var message = Object.prototype.hasOwnProperty.call(buttonPayloads, text) ? buttonPayloads[text] : text;
        post(message).then(function (replies) {
          var out = botMessages(replies);
          if (!out.length) { out = [{role: "ai", text: "…"}]; }
          signals.onResponse(out.length === 1 ? out[0] : out);
        }).catch(function () { signals.onResponse({text: UNREACHABLE}); });
      }
    };
    box.appendChild(toolbar);
    box.appendChild(chat);
    host.appendChild(box);

    function welcome() {
      post("/greet").then(function (replies) {
        botMessages(replies).forEach(function (m) { chat.addMessage(m); });
      }).catch(function () { chat.addMessage({role: "ai", text: UNREACHABLE}); });
    }
    function restore() {
      fetch(base + "/webchat/history?sender=" + encodeURIComponent(sender())).then(function (r) {
        if (!r.ok) { throw new Error("HTTP " + r.status); }
        return r.json();
      }).then(function (data) {
        var messages = data.messages || [];
        if (!messages.length) { welcome(); return; }
        messages.forEach(function (m) {
          chat.addMessage(m.role === "user" ? {role: "user", text: m.text} : {role: "ai", html: renderBot(m.text, m.buttons)});
        });
      }).catch(function () { chat.addMessage({role: "ai", text: UNREACHABLE}); });
    }
    reset.addEventListener("click", function () {
      newSender();
      buttonPayloads = {};
      chat.clearMessages(false);
      welcome();
    });
    chat.onComponentRender = function () {
      if (!chat.dataset.pbStarted) { chat.dataset.pbStarted = "1"; restore(); }
    };
  }

  var css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = base + "/webchat/partnerbot-chat.css";
  document.head.appendChild(css);
  var lib = document.createElement("script");
  lib.type = "module";
  lib.src = base + "/webchat/deep-chat.js";
  lib.onload = mount;
  document.head.appendChild(lib);
})();
