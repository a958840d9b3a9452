"""A smaller ICU data library for the Linux bundle (used by newsfind.spec).

PySide6's wheels link Qt to ICU 73, whose data library (libicudata.so.73) is 32 MB,
a quarter of the bundle. newsfind's Qt uses little of it: Qt has its own CLDR tables
for QLocale and its own Unicode and line-break tables, and the app decodes files in
Python. This removes the ICU data categories Qt does not consult:

    unit/ curr/ lang/ region/  display names of units, currencies, languages and
                               regions (QLocale uses Qt's own CLDR data)
    translit/ rbnf/            transliterators, spelled-out numbers (unused by Qt)
    *.cnv                      legacy-charset converters (QStringConverter for names
                               other than UTF-8/16/32 and Latin-1; the app never asks)

and keeps collation (coll/, for QCollator and file dialogs), break iterators,
normalization, time zones and the locale roots. About 17 MB smaller.

It needs ICU's `icupkg` and `genccode` (Debian: icu-devtools) and a C compiler; when
any is missing, or anything fails, the full library is kept and a warning printed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

DROPPED_DIRS = ("unit/", "curr/", "lang/", "region/", "translit/", "rbnf/")


def _elf_symbol(lib: Path, name: str) -> tuple[int, int] | None:
    """(file offset, size) of a data symbol in a shared library."""
    symbols = subprocess.run(["readelf", "-sW", str(lib)], capture_output=True, text=True, check=True).stdout
    sections = subprocess.run(["readelf", "-SW", str(lib)], capture_output=True, text=True, check=True).stdout
    found = re.search(rf"^\s*\d+:\s+([0-9a-f]+)\s+(0x[0-9a-f]+|\d+)\s+OBJECT\s+GLOBAL\s+\S+\s+(\d+)\s+{name}$",
                      symbols, re.M)
    if not found:
        return None
    address, size, index = int(found[1], 16), int(found[2], 0), int(found[3])
    section = re.search(rf"^\s*\[\s*{index}\]\s+\S+\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)", sections, re.M)
    if not section:
        return None
    return address - int(section[1], 16) + int(section[2], 16), size


def trim_icu_data(lib: Path, workdir: Path) -> Path | None:
    """Write a trimmed copy of libicudata.so.NN under workdir; None when it cannot."""
    version = re.match(r"libicudata\.so\.(\d+)", lib.name)
    tools = [shutil.which(t) for t in ("icupkg", "genccode", "readelf", "cc")]
    if not version or not all(tools):
        print(f"icu_trim: keeping the full {lib.name} (needs icupkg, genccode: icu-devtools; readelf; cc)")
        return None
    icupkg, genccode, _, cc = tools
    major = version[1]
    entry = f"icudt{major}"
    try:
        where = _elf_symbol(lib, f"{entry}_dat")
        if where is None:
            print(f"icu_trim: no {entry}_dat in {lib}; keeping it")
            return None
        offset, size = where
        work = workdir / "icu-trim"
        shutil.rmtree(work, ignore_errors=True)
        (work / "out").mkdir(parents=True)
        full = work / f"{entry}l.dat"  # icupkg takes the package name from the file name
        with open(lib, "rb") as source:
            source.seek(offset)
            full.write_bytes(source.read(size))
        items = subprocess.run([icupkg, "-l", str(full)], capture_output=True, text=True, check=True).stdout.split()
        dropped = [item for item in items if item.startswith(DROPPED_DIRS) or item.endswith(".cnv")]
        (work / "dropped.txt").write_text("\n".join(dropped) + "\n")
        trimmed = work / "out" / full.name
        subprocess.run([icupkg, "-r", str(work / "dropped.txt"), str(full), str(trimmed)], check=True,
                       capture_output=True)
        subprocess.run([genccode, "-a", "gcc", "-e", entry, "-d", str(work / "out"), str(trimmed)], check=True,
                       capture_output=True)
        assembly = work / "out" / f"{entry}l_dat.S"
        result = work / lib.name
        subprocess.run([cc, "-shared", "-nostdlib", f"-Wl,-soname,{lib.name}", "-o", str(result), str(assembly)],
                       check=True, capture_output=True)
        if _elf_symbol(result, f"{entry}_dat") is None:
            print("icu_trim: the rebuilt library lacks its data symbol; keeping the full one")
            return None
        print(f"icu_trim: {lib.name} {lib.stat().st_size / 1e6:.1f} MB -> {result.stat().st_size / 1e6:.1f} MB "
              f"({len(dropped)} of {len(items)} items dropped)")
        return result
    except (OSError, subprocess.CalledProcessError) as error:
        print(f"icu_trim: keeping the full {lib.name}: {error}")
        return None
