"""The reference deployment's files: systemd units that systemd accepts and that run commands
this site has, and an example environment that names every setting the site reads."""

import configparser
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[2]
UNITS = ROOT / "deploy" / "systemd"
INSTALL_DIR = "/srv/made-in-aachen-nord"


def units(suffix: str) -> list[Path]:
    found = sorted(UNITS.glob(f"*.{suffix}"))
    assert found, f"no .{suffix} units in {UNITS}"
    return found


def read_unit(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # systemd's keys are case-sensitive
    parser.read_string(path.read_text())
    return parser


def test_systemd_accepts_every_unit(tmp_path):
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.fail("systemd-analyze is missing: install Debian's systemd package")
    # The units name the installation folder; here it is this checkout (its .venv must exist,
    # systemd checks that every ExecStart program is there).
    for unit in UNITS.iterdir():
        (tmp_path / unit.name).write_text(unit.read_text().replace(INSTALL_DIR, str(ROOT)))
    result = subprocess.run(
        [analyze, "verify", *sorted(str(p) for p in tmp_path.iterdir())],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_service_runs_gunicorn_or_a_management_command_that_exists():
    commands = get_commands()
    named = set()
    for path in units("service"):
        service = read_unit(path)["Service"]
        argv = shlex.split(service["ExecStart"])
        assert argv[0].startswith(f"{INSTALL_DIR}/.venv/bin/"), path.name
        assert service["WorkingDirectory"] == INSTALL_DIR
        assert service["EnvironmentFile"] == "/etc/made-in-aachen-nord/env"
        if argv[0].endswith("/gunicorn"):
            assert "config.wsgi" in argv
            continue
        assert argv[1:2] == ["manage.py"], path.name
        assert argv[2] in commands, f"{path.name}: no management command {argv[2]!r}"
        named.add(argv[2])
    assert {
        "db_worker",
        "sync_catalogue",
        "check_shop_links",
        "publish_scheduled",
        "send_enquiry_mails",
        "purge_enquiries",
    } <= named


def test_every_timer_starts_a_oneshot_service_of_its_name():
    for path in units("timer"):
        timer = read_unit(path)["Timer"]
        assert timer["OnCalendar"] and timer["Persistent"] == "true"
        service = path.with_suffix(".service")
        assert service.exists(), f"{path.name} has no {service.name}"
        assert read_unit(service)["Service"]["Type"] == "oneshot"


def test_the_example_environment_names_every_setting_the_site_reads():
    read = set()
    for source in (ROOT / "site" / "config").rglob("*.py"):
        read |= set(re.findall(r"env_\w+\(\s*\"([A-Z][A-Z0-9_]*)\"", source.read_text()))
    assert "SECRET_KEY" in read and "DEFAULT_FROM_EMAIL" in read
    example = (ROOT / "deploy" / "env.example").read_text()
    listed = set(re.findall(r"^#?([A-Z][A-Z0-9_]*)=", example, re.MULTILINE))
    assert read - listed == set(), "missing from deploy/env.example"
    assert listed - read - {"DJANGO_SETTINGS_MODULE"} == set(), "not read by the settings"
