"""The dependency direction of ARCHITECTURE.md holds in the code: every import (also those inside
functions) points down the map, never up."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: package prefix -> prefixes it must never import
VERBOTEN = {
    "portal.core": ("workflows", "forms", "portal.start"),
    "portal.organisations": ("workflows", "forms", "portal.start"),
    "portal.funding": ("workflows", "forms", "portal.start"),
    "portal.audit": ("workflows", "forms", "portal.start"),
    "portal.cms": ("workflows", "forms", "portal.start"),
    "portal.konto": ("workflows", "forms", "portal.start"),
    "portal.permissions": ("workflows", "forms", "portal.start"),
    "workflows.base": ("workflows.optin", "workflows.transfer", "workflows.proof", "forms", "portal.start"),
    "workflows.optin": ("workflows.transfer", "workflows.proof", "workflows.dossier", "portal.start"),
    "workflows.transfer": ("workflows.proof", "workflows.dossier", "portal.start"),
    "workflows.proof": ("workflows.dossier", "portal.start"),
    "workflows.dossier": ("forms", "portal.start"),
    "forms": ("portal.start",),
}


def modulname(path: Path) -> str:
    teile = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(teile[:-1] if teile[-1] == "__init__" else teile)


def importe(path: Path) -> set[str]:
    namen = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            namen.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            namen.add(node.module)
            namen.update(f"{node.module}.{a.name}" for a in node.names)
    return namen


def unter(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def test_imports_point_down_the_map():
    verstoesse = []
    dateien = [p for ordner in ("portal", "workflows", "forms") for p in (ROOT / ordner).rglob("*.py")]
    assert len(dateien) > 100
    for path in dateien:
        if "migrations" in path.parts:
            continue
        modul = modulname(path)
        for paket, verboten in VERBOTEN.items():
            if not unter(modul, paket):
                continue
            for name in importe(path):
                if any(unter(name, v) for v in verboten):
                    verstoesse.append(f"{modul} imports {name}")
    assert not verstoesse, "\n".join(sorted(verstoesse))


def test_portal_knows_no_process_status():
    """``portal/permissions.py`` keeps the registry and portal's own rules: no process status literal."""
    text = (ROOT / "portal" / "permissions.py").read_text()
    for status in ('"eingereicht"', '"vorbereitet"', '"freigegeben"', '"bezahlt"', '"angenommen"', '"offen"'):
        assert status not in text, status


def test_only_the_urls_of_a_process_bind_its_wizard():
    """forms/ calls the services of its process; the process knows its wizard only in its urls.py."""
    verstoesse = []
    for path in (ROOT / "workflows").rglob("*.py"):
        if "migrations" in path.parts or path.name == "urls.py":
            continue
        verstoesse += [f"{modulname(path)} imports {n}" for n in importe(path) if unter(n, "forms")]
    assert not verstoesse, verstoesse
