#!/usr/bin/env python3
"""Reads `cargo metadata --format-version 1 --filter-platform TRIPLE` on stdin and prints, as
Markdown, every crate built into the zonewright program for that platform (normal dependencies,
followed from the root; build scripts, tests and benches left out) with its version, its
licence field and its repository, then the licence texts each crate ships (its LICENSE*,
LICENCE*, COPYING* and NOTICE* files), which carry the copyright notices the licences ask to
keep with the program."""
import json
import os
import sys

TEXT_PREFIXES = ("license", "licence", "copying", "notice")


def licence_texts(package):
    """The licence files beside the crate's Cargo.toml: (file name, text), sorted by name."""
    folder = os.path.dirname(package["manifest_path"])
    out = []
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return out
    for name in names:
        path = os.path.join(folder, name)
        if name.lower().startswith(TEXT_PREFIXES) and os.path.isfile(path):
            with open(path, encoding="utf-8", errors="replace") as f:
                out.append((name, f.read().strip()))
    return out


def main():
    meta = json.load(sys.stdin)
    packages = {p["id"]: p for p in meta["packages"]}
    nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}
    root = meta["resolve"]["root"]
    seen, todo = set(), [root]
    while todo:
        node = nodes[todo.pop()]
        for dep in node["deps"]:
            if any(k["kind"] is None for k in dep["dep_kinds"]) and dep["pkg"] not in seen:
                seen.add(dep["pkg"])
                todo.append(dep["pkg"])
    own = packages[root]
    print(f"# Licences of the crates in zonewright {own['version']}\n")
    print(f"zonewright itself: {own.get('license') or 'see its repository'}.")
    print("The fonts it embeds have their licence files beside this one.\n")
    print("| crate | version | licence | repository |")
    print("|---|---|---|---|")
    rows = sorted((packages[i] for i in seen), key=lambda p: (p["name"], p["version"]))
    for p in rows:
        licence = p.get("license") or (f"see {p['license_file']}" if p.get("license_file") else "not stated")
        print(f"| {p['name']} | {p['version']} | {licence} | {p.get('repository') or ''} |")
    print(f"\n{len(rows)} crates.")
    print("\n# Licence texts\n")
    for p in rows:
        print(f"## {p['name']} {p['version']}\n")
        texts = licence_texts(p)
        if not texts:
            print(f"The crate ships no licence file; its licence field: {p.get('license') or 'not stated'}.\n")
        for name, text in texts:
            print(f"### {name}\n\n```text\n{text}\n```\n")


if __name__ == "__main__":
    main()
