"""The runner's configuration of the Rasa server."""
import pytest

from bot.runner import endpoints_file, lock_store_section, rasa_server_cmd


def test_without_a_lock_store_url_the_embedded_defaults_are_used(monkeypatch):
    monkeypatch.delenv("LOCK_STORE_URL", raising=False)
    assert rasa_server_cmd(5005)[rasa_server_cmd(5005).index("--endpoints") + 1] == "endpoints.yml"


def test_a_redis_lock_store_for_several_workers(fresh_data_dir, monkeypatch):
    monkeypatch.setenv("LOCK_STORE_URL", "redis://:pw@cache.internal:6380/2")
    path = endpoints_file()
    text = open(path, encoding="utf-8").read()
    assert path.startswith(str(fresh_data_dir)) and "tracker_store:" in text
    assert "type: bot.lock_store.PartnerbotLockStore\n  url: cache.internal\n  port: 6380\n  db: 2" in text
    assert "pw" not in text  # the password stays in the environment
    assert "port: 6379" in lock_store_section("redis://localhost")
    with pytest.raises(ValueError):
        lock_store_section("localhost:6379")
