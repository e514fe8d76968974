#!/usr/bin/env python3
"""Reads `cargo metadata --format-version 1 --filter-platform TRIPLE` on stdin and prints, as
Markdown, every crate built into the zonewright program for that platform (normal dependencies,
followed from the root; build scripts, tests and benches left out) with its version, its
licence field and its repository."""
import json
import sys


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


if __name__ == "__main__":
    main()
