/* Partnerbot website widget. Embed it in one of two ways:
 *
 *   inline (the default), in a box where the page puts it:
 *     <div id="partnerbot"></div>
 *     <script src="https://BOT-HOST/webchat/embed.js" data-bot-url="https://BOT-HOST"></script>
 *
 *   launcher, a round chat button in the bottom-right corner that opens a chat panel:
 *     <script src="https://BOT-HOST/webchat/embed.js" data-bot-url="https://BOT-HOST" data-mode="launcher"></script>
 *
 * The widget lives in a shadow root with its own stylesheet: the page's styles do not reach it and its styles
 * do not reach the page. Everything (the deep-chat bundle included) is loaded from the bot itself, never from a
 * CDN. Text from users and from the bot is always escaped: it is shown as text, never run as HTML.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var base = (script.getAttribute("data-bot-url") || new URL(script.src, location.href).origin).replace(/\/$/, "");
  var mode = script.getAttribute("data-mode") === "launcher" ? "launcher" : "inline";
  var mountId = script.getAttribute("data-element") || "partnerbot";
  var MAX_CHARS = 2000;
  var SENDER_KEY = "partnerbot-sender";
  var OPEN_KEY = "partnerbot-open";
  var NAME = "Chat met Partnerbot";
  var UNREACHABLE = "De assistent is nu niet bereikbaar. Probeer het over een paar minuten opnieuw.";
  var TOO_LONG = "Je bericht is te lang (meer dan " + MAX_CHARS + " tekens). Kun je het korter maken?";
  var SLOW_DOWN = "Rustig aan: je stuurt veel berichten achter elkaar. Probeer het over een paar seconden opnieuw.";
  var ICON = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="currentColor" ' +
    'd="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6.5a1.5 1.5 0 1 0 0 3 ' +
    '1.5 1.5 0 0 0 0-3zm5 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm5 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3z"/></svg>';
  var buttonPayloads = {};

  function stored(key) {
    try { return localStorage.getItem(key); } catch (e) { return null; }
  }
  function store(key, value) {
    try { localStorage.setItem(key, value); } catch (e) { /* private mode: the state lasts this page only */ }
  }
  var pageSender = null;
  function newSender() {
    var id = (window.crypto && crypto.randomUUID) ? crypto.randomUUID().replace(/-/g, "") :
      String(Date.now()) + Math.random().toString(16).slice(2);
    pageSender = "web-" + id.slice(0, 24);
    store(SENDER_KEY, pageSender);
    return pageSender;
  }
  function sender() { return stored(SENDER_KEY) || pageSender || newSender(); }

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
        html += '<p class="pb-source">' + linkify(escapeHtml(line)) + "</p>";
      } else {
        html += '<p class="pb-line">' + linkify(escapeHtml(line)) + "</p>";
      }
    });
    flush();
    if (buttons && buttons.length) {
      html += '<div class="pb-buttons" role="group" aria-label="Kies een antwoord">';
      buttons.forEach(function (b) {
        buttonPayloads[b.title] = b.payload;
        html += '<button type="button" class="deep-chat-button deep-chat-suggestion-button">' +
          escapeHtml(b.title) + "</button>";
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
      if (r.status === 429) { return [{text: SLOW_DOWN}]; }
      if (!r.ok) { throw new Error("HTTP " + r.status); }
      return r.json();
    });
  }
  function botMessages(replies) {
    return replies.map(function (m) { return {role: "ai", html: renderBot(m.text, m.buttons)}; });
  }

  // Styles deep-chat applies inside its own shadow root.
  var CHAT_STYLE = [
    ".pb-line { margin: .2em 0; }",
    ".pb-source { font-size: .85em; color: #37474f; border-top: 1px solid #90a4ae; padding-top: .3em; margin: .4em 0 0; }",
    ".pb-buttons { margin-top: .4em; }",
    ".pb-buttons button { margin: .2em; border-radius: 1em; padding: .25em .8em; }",
    "a { color: #0b4aa2; }",
    "button:focus-visible, [role=button]:focus-visible, #text-input:focus-visible " +
      "{ outline: 3px solid #0b57d0; outline-offset: 2px; }"
  ].join("\n");

  // deep-chat leaves its send button without a name, its input without a role and its message list silent:
  // name them and make the list a polite live log (new messages are read out), also when deep-chat re-renders.
  function makeAccessible(chat) {
    var root = chat.shadowRoot;
    if (!root) { return; }
    function set(element, name, value) {
      if (element.getAttribute(name) !== value) { element.setAttribute(name, value); }
    }
    function apply() {
      var input = root.getElementById("text-input");
      if (input) {
        set(input, "role", "textbox");
        set(input, "aria-multiline", "true");
        if (!input.getAttribute("aria-label")) { input.setAttribute("aria-label", "Typ je vraag"); }
        set(input, "aria-placeholder", "Typ je vraag…");
      }
      var messages = root.getElementById("messages");
      if (messages) {
        set(messages, "role", "log");
        set(messages, "aria-label", "Berichten");
        // Silent while a reload puts the earlier conversation back, polite from then on.
        set(messages, "aria-live", chat.dataset.pbLive ? "polite" : "off");
      }
      Array.prototype.forEach.call(root.querySelectorAll("[role=button]"), function (button) {
        if (!button.getAttribute("aria-label") && !button.textContent.trim()) {
          button.setAttribute("aria-label", button.classList.contains("input-button") ? "Verstuur" : "Knop");
        }
      });
    }
    apply();
    new MutationObserver(apply).observe(root, {childList: true, subtree: true});
    return function goLive() { chat.dataset.pbLive = "1"; apply(); };
  }

  // The element that has the focus, looking through shadow roots.
  function focusedElement() {
    var active = document.activeElement;
    while (active && active.shadowRoot && active.shadowRoot.activeElement) { active = active.shadowRoot.activeElement; }
    return active;
  }
  // Puts the focus in the chat's input. deep-chat's own focusInput() only moves the text selection, and deep-chat
  // may render its input late or render it again (a new element) after it reports rendered, which drops the focus:
  // so watch it for two seconds and put it back, for as long as the focus has not gone somewhere the visitor chose.
  function focusInput(chat) {
    var tries = 0, from = focusedElement();
    (function attempt() {
      var input = chat.shadowRoot && chat.shadowRoot.getElementById("text-input");
      var now = focusedElement();
      if (!(input && now === input)) {
        if (now !== from && now !== document.body && now !== chat && now !== null) { return; }
        if (input) { input.focus(); from = focusedElement(); }
      }
      if (++tries <= 40) { setTimeout(attempt, 50); }
    })();
  }

  // One chat: the deep-chat element and its "new conversation" button.
  // frame: the chat's size and border, which deep-chat sets on its element itself.
  function createChat(frame, onReady) {
    var chat = document.createElement("deep-chat");
    chat.setAttribute("aria-label", "Gesprek met Partnerbot");
    // The placeholder dark enough for AA contrast (deep-chat's own grey is not).
    chat.textInput = {placeholder: {text: "Typ je vraag…", style: {color: "#59656d"}}, characterLimit: MAX_CHARS,
                      styles: {container: {}}};
    chat.remarkable = {html: false, breaks: true};
    chat.requestBodyLimits = {maxMessages: 1};
    chat.auxiliaryStyle = CHAT_STYLE;
    // Deep-chat's own blue is too light for white text (AA asks 4.5:1).
    chat.messageStyles = {default: {user: {bubble: {backgroundColor: "#0b57d0", color: "#ffffff"}}}};
    // A font of our own, on the element before it renders: deep-chat looks there, and finding none it would
    // fetch its default font from a CDN.
    chat.style.fontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
    chat.chatStyle = Object.assign({fontFamily: chat.style.fontFamily, width: "100%"}, frame);

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

    function welcome() {
      post("/greet").then(function (replies) {
        botMessages(replies).forEach(function (m) { chat.addMessage(m); });
      }).catch(function () { chat.addMessage({role: "ai", text: UNREACHABLE}); });
    }
    // The earlier conversation after a reload, or the welcome for a new one. The log goes live after the
    // earlier messages are in, so a reload does not read them all out again.
    function restore(goLive) {
      fetch(base + "/webchat/history?sender=" + encodeURIComponent(sender())).then(function (r) {
        if (!r.ok) { throw new Error("HTTP " + r.status); }
        return r.json();
      }).then(function (data) {
        var messages = data.messages || [];
        if (!messages.length) { goLive(); welcome(); return; }
        messages.forEach(function (m) {
          chat.addMessage(m.role === "user" ? {role: "user", text: m.text} : {role: "ai", html: renderBot(m.text, m.buttons)});
        });
        setTimeout(goLive, 500);
      }).catch(function () { goLive(); chat.addMessage({role: "ai", text: UNREACHABLE}); });
    }
    chat.onComponentRender = function () {
      if (chat.dataset.pbStarted) { return; }
      chat.dataset.pbStarted = "1";
      restore(makeAccessible(chat));
      if (onReady) { onReady(chat); }
    };

    var reset = document.createElement("button");
    reset.type = "button";
    reset.className = "pb-reset";
    reset.textContent = "Nieuw gesprek";
    reset.setAttribute("aria-label", "Begin een nieuw gesprek");
    reset.addEventListener("click", function () {
      newSender();
      buttonPayloads = {};
      chat.clearMessages(false);
      welcome();
      focusInput(chat);
    });
    return {element: chat, reset: reset};
  }

  // A shadow root of our own: page styles stay out of the widget and the widget's styles out of the page.
  function isolatedRoot(parent) {
    var host = document.createElement("partnerbot-chat");
    parent.appendChild(host);
    var shadow = host.attachShadow({mode: "open"});
    var root = document.createElement("div");
    root.className = "pb-root pb-" + mode;
    root.hidden = true;  // until its stylesheet is there, so nothing shows unstyled
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = base + "/webchat/partnerbot-chat.css";
    css.onload = css.onerror = function () { root.hidden = false; };
    shadow.appendChild(css);
    shadow.appendChild(root);
    return root;
  }

  function mountInline() {
    var parent = document.getElementById(mountId);
    if (!parent) { return; }
    var widget = isolatedRoot(parent);
    var box = document.createElement("section");
    box.className = "pb-chat";
    box.setAttribute("aria-label", NAME);
    var chat = createChat({height: "32rem", border: "1px solid #90a4ae", borderRadius: "8px"});
    var toolbar = document.createElement("div");
    toolbar.className = "pb-toolbar";
    toolbar.appendChild(chat.reset);
    box.appendChild(toolbar);
    box.appendChild(chat.element);
    widget.appendChild(box);
  }

  function mountLauncher() {
    var widget = isolatedRoot(document.body);
    var launcher = document.createElement("button");
    launcher.type = "button";
    launcher.className = "pb-launcher";
    launcher.setAttribute("aria-label", NAME);
    launcher.setAttribute("aria-expanded", "false");
    launcher.setAttribute("aria-controls", "pb-panel");
    launcher.innerHTML = ICON;

    var panel = document.createElement("div");
    panel.id = "pb-panel";
    panel.className = "pb-panel";
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-labelledby", "pb-title");
    panel.hidden = true;
    var header = document.createElement("div");
    header.className = "pb-header";
    var title = document.createElement("span");
    title.id = "pb-title";
    title.className = "pb-title";
    title.textContent = "Partnerbot";
    var close = document.createElement("button");
    close.type = "button";
    close.className = "pb-close";
    close.setAttribute("aria-label", "Chat sluiten");
    close.innerHTML = '<span aria-hidden="true">&times;</span>';
    header.appendChild(title);
    panel.appendChild(header);
    widget.appendChild(panel);
    widget.appendChild(launcher);

    var chat = null, focusWhenReady = false;
    function ensureChat() {
      if (chat) { return; }
      // Created on first open, so a visitor who never opens the chat starts no conversation.
      chat = createChat({height: "100%", border: "none", borderRadius: "0"}, function (element) {
        if (focusWhenReady) { focusWhenReady = false; focusInput(element); }
      });
      header.appendChild(chat.reset);
      header.appendChild(close);
      panel.appendChild(chat.element);
    }
    function open(byUser) {
      ensureChat();
      panel.hidden = false;
      widget.classList.add("pb-is-open");
      launcher.setAttribute("aria-expanded", "true");
      store(OPEN_KEY, "1");
      // Focus moves into the chat when the visitor opens it, not when a page load restores it.
      if (byUser) {
        if (chat.element.dataset.pbStarted) { focusInput(chat.element); } else { focusWhenReady = true; }
      }
    }
    function shut() {
      panel.hidden = true;
      widget.classList.remove("pb-is-open");
      launcher.setAttribute("aria-expanded", "false");
      store(OPEN_KEY, "0");
      launcher.focus();
    }
    launcher.addEventListener("click", function () {
      if (panel.hidden) { open(true); } else { shut(); }
    });
    close.addEventListener("click", shut);
    widget.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !panel.hidden) { event.stopPropagation(); shut(); }
    });
    if (stored(OPEN_KEY) === "1") { open(false); }
  }

  var lib = document.createElement("script");
  lib.type = "module";
  lib.src = base + "/webchat/deep-chat.js";
  lib.onload = mode === "launcher" ? mountLauncher : mountInline;
  document.head.appendChild(lib);
})();
