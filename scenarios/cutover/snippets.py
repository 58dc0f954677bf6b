"""The README's reference code is what app.py runs: each block of app.py between
`# --- README: NAME ---` and `# --- end ---` must appear verbatim in README.md.

  snippets.py APP_PY README_MD"""
import re, sys

app, readme = open(sys.argv[1]).read(), open(sys.argv[2]).read()
blocks = re.findall(r"^# --- README: (.+?) ---\n(.*?)^# --- end ---$", app, re.M | re.S)
missing = [name for name, code in blocks if code not in readme]
for name in missing:
    print("README.md lacks app.py's block '%s' as app.py has it" % name)
if not blocks or missing:
    sys.exit(1)
print("README.md has app.py's %d reference blocks verbatim: %s" % (len(blocks), ", ".join(n for n, _ in blocks)))
