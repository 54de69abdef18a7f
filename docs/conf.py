# SPDX-License-Identifier: Apache-2.0
"""Sphinx configuration of minga's documentation.

    scripts/docs                                   Doxygen + Sphinx (-n -W) + the pages' examples
    build/venv/bin/sphinx-build -W docs build/docs/html      the HTML alone

The pages are Markdown (MyST). The C and C++ reference pages are Breathe directives over
Doxygen's XML of the public headers, which this file generates at the start of every build
into <doctree folder>/doxygen (under the build folder, never in the source tree) by running
`doxygen docs/Doxyfile`. The C++ page lists every header under include/minga/ by itself
(see cpp_api_directives), so a new header is documented without editing the page.
"""
import logging
import os
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

project = "minga"
author = "the minga authors"
copyright = "the minga authors; Apache-2.0"


def _version():
    """The VERSION of project(minga ...) in CMakeLists.txt."""
    found = re.search(r"project\(minga\s[^)]*?VERSION\s+([0-9.]+)", (ROOT / "CMakeLists.txt").read_text(encoding="utf-8"))
    return found.group(1) if found else ""


release = version = _version()

extensions = ["myst_parser", "breathe"]
source_suffix = {".md": "markdown"}
root_doc = "index"
# Not pages: the Doxygen configuration and a helper script shown from verify_board.md.
exclude_patterns = ["Doxyfile", "verify_board_reference.py"]

# MyST: ```{directive} fences and ::: blocks; links to headings inside pages (#anchor).
myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 4

html_theme = "alabaster"
html_title = f"minga {release}"
# Wide enough for the examples' 100-column lines without scrolling (alabaster's default is 940px).
html_theme_options = {"description": "collective decisions for civic tech", "fixed_sidebar": False,
                      "page_width": "1180px"}
html_static_path = []

breathe_projects = {}  # filled in by run_doxygen() once the build folder is known
breathe_default_project = "minga"
breathe_domain_by_extension = {"h": "c", "hpp": "cpp"}
# The C++ page's sections are the headers themselves, so no "#include <...>" line per class
# (whose link to the header's own Doxygen page, never rendered, -n reports as missing).
breathe_show_include = False
breathe_show_define_initializer = True
breathe_show_enumvalue_initializer = True

# Nitpicky mode (-n, scripts/docs) checks every cross-reference. These targets are outside
# minga, so no page of it defines them: C's fixed-width integer types (cpp's std::uint32_t is
# written with its namespace and not looked up) and Boost.Multiprecision, the C++ API's exact
# numbers. `State` is the private implementation struct of two classes (pimpl), declared and
# never documented on purpose.
nitpick_ignore = [("c:identifier", name) for name in
                  ("size_t", "int8_t", "int16_t", "int32_t", "int64_t", "uint8_t", "uint16_t", "uint32_t",
                   "uint64_t")]
nitpick_ignore += [("cpp:identifier", name) for name in
                   ("boost", "boost::multiprecision", "boost::multiprecision::mpz_int",
                    "boost::multiprecision::mpq_rational", "State")]

# Pages link to the repository's files (sources, examples, the other READMEs) with relative
# paths such as ../include/minga.h or ../examples/c/budget.c. They are not pages of this site,
# so turn them into links to the files themselves in the repository's web view when
# MINGA_DOCS_SOURCE_URL is set (e.g. https://example.org/minga/blob/main/), and into plain
# text otherwise (missing-reference handler below).
SOURCE_URL = os.environ.get("MINGA_DOCS_SOURCE_URL", "")


def run_doxygen(app):
    """Doxygen XML of include/minga.h and include/minga/**/*.hpp into the build folder."""
    out = Path(app.doctreedir) / "doxygen"
    out.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, MINGA_DOXYGEN_OUTPUT=str(out))
    done = subprocess.run(["doxygen", str(ROOT / "docs" / "Doxyfile")], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    messages = (done.stdout + done.stderr).strip()
    if done.returncode != 0 or messages:
        # The Doxyfile fails on warnings: a header comment Doxygen misreads (an unknown command,
        # <word> read as an HTML tag) is an error of the documentation like any Sphinx warning.
        raise RuntimeError(f"doxygen docs/Doxyfile failed ({done.returncode}):\n{messages}")
    app.config.breathe_projects = {"minga": str(out / "xml")}
    index = (out / "xml" / "index.xml").read_text(encoding="utf-8")
    NAMESPACES.update(part for name in re.findall(r'kind="namespace"><name>([^<]+)</name>', index)
                      for part in name.split("::"))
    for refid in re.findall(r'<compound refid="([^"]+)" kind="file">', index):
        where = re.search(r'<location file="([^"]+)"', (out / "xml" / f"{refid}.xml").read_text(encoding="utf-8"))
        if where:
            HEADER_LABELS[where.group(1)] = refid


# Doxygen links a header named in a comment ("see verifier.hpp") to the header's own page,
# by its id (verifier_8hpp). The C++ page gives each header's section that id as its label.
HEADER_LABELS = {}


# Breathe declares a namespace again in every doxygenfile that opens it (as `cpp:type:: minga`),
# so the C++ page, one directive per header, would warn "Duplicate C++ declaration" once per
# header for minga, minga::budget, ... Those warnings, and only those (a namespace of Doxygen's
# index, declared as a type), are dropped; a duplicate of anything else stays an error.
NAMESPACES = set()


class RepeatedNamespace(logging.Filter):
    def filter(self, record):
        args = record.args if isinstance(record.args, tuple) else ()
        return not (str(record.msg).startswith("Duplicate C++ declaration") and len(args) == 4
                    and args[2] == "type" and str(args[3]) in NAMESPACES)


def public_cpp_headers():
    """include/minga/**/*.hpp, as included: minga/budget/rule.hpp."""
    return sorted(str(p.relative_to(ROOT / "include")) for p in (ROOT / "include" / "minga").rglob("*.hpp"))


def cpp_api_directives():
    """One section per module folder, one doxygenfile directive per header."""
    lines, module = [], None
    for header in public_cpp_headers():
        parts = header.split("/")
        folder = parts[1] if len(parts) > 2 else ""
        if folder != module:
            module = folder
            lines += [f"## `minga/{module}/`" if module else "## `minga/`", ""]
        label = [f"({HEADER_LABELS[header]})=", ""] if header in HEADER_LABELS else []
        lines += label + [f"### `{header}`", "", "```{doxygenfile} " + header, "```", ""]
    return "\n".join(lines)


def find_header_by_path():
    """Breathe 5.1's doxygenfile compares the path it is given with the file's base name
    (Doxygen's <compoundname>), so `minga/budget/rule.hpp` is never found and `ballot.hpp` is
    ambiguous (ballot/, verify/). Compare with the file's location instead, as Breathe's own
    filter of the file's members does (breathe.directives.file.location_matches)."""
    from breathe import parser, renderer
    from breathe.directives import file as file_directive

    def file_finder_filter(filename, d_parser, project_info, index, matches):
        for compound in index.file_compounds:
            for cd in d_parser.parse_compound(compound.refid, project_info).root.compounddef:
                if cd.kind == parser.DoxCompoundKind.file and file_directive.location_matches(cd.location, filename):
                    matches.append([renderer.TaggedNode(None, cd)])

    file_directive.file_finder_filter = file_finder_filter


def insert_cpp_api(app, docname, source):
    if docname == "cpp_api":
        source[0] = source[0].replace("<!-- every public C++ header, listed by docs/conf.py -->",
                                      cpp_api_directives())


def link_repository_files(app, env, node, contnode):
    """A link to a repository file that is not a page: the file in the web view, or plain text."""
    if node.get("reftype") != "myst" or node.get("refdomain"):
        return None
    target = node.get("reftarget", "")
    if target.startswith(("http:", "https:", "#")) or not target:
        return None
    here = (Path(env.doc2path(node["refdoc"])).parent / target.split("#")[0]).resolve()
    try:
        relative = here.relative_to(ROOT)
    except ValueError:
        return None
    if not here.exists():
        return None  # a link to nothing stays a warning, and so an error
    if not SOURCE_URL:
        return contnode
    from docutils import nodes
    link = nodes.reference("", "", internal=False, refuri=SOURCE_URL + relative.as_posix())
    link += contnode
    return link


def setup(app):
    for module in ("sphinx.domains.cpp", "sphinx.domains.cpp._symbol"):
        logging.getLogger("sphinx." + module).addFilter(RepeatedNamespace())
    find_header_by_path()
    app.connect("builder-inited", run_doxygen)
    app.connect("source-read", insert_cpp_api)
    app.connect("missing-reference", link_repository_files)
