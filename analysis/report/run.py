"""One report: papermill executes the notebook with the parameters, nbconvert exports HTML (self-contained,
no code, no papermill cells), Chromium prints the PDF, and the folder is published atomically.

Layout: ``OUT/<name>/`` holds ``<name>.ipynb`` (the executed notebook: the audit trail), ``<name>.html``,
``<name>.pdf`` and ``manifest.json``. The work happens in ``OUT/.<name>.tmp-*`` and is swapped into place
(``analysis.publish``) only when every output is written, so a failed run never replaces a good report;
it leaves the partly executed notebook (and the HTML, when only printing failed) in ``OUT/<name>.failed/``
with ``error.txt`` naming the failing cell or the printing error.

Example::

    >>> run_report("brief", Path("notebooks/brief.ipynb"), {"seeds": "/abs/seeds"}, Path("reports"))  # doctest: +SKIP
"""
from __future__ import annotations

import copy
import functools
import os
import re
import shutil
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import analysis
from analysis.publish import OutputError, check_target, publishing
from analysis.report import manifest as mf
from analysis.report.params import skip_slow_optional_imports

TEMPLATES = Path(__file__).parent / "templates"
DROP_TAGS = {"parameters", "injected-parameters", "nf-notebook-only", "papermill-error-cell-tag", "remove-cell"}
FORMATS = ("html", "pdf")
REPORT_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
RESERVED_SUFFIXES = (".html", ".failed", ".lock", ".tmp")


class ReportFailed(Exception):
    """A notebook cell raised: which cell, the error, and where the partly executed notebook was kept."""

    def __init__(self, name: str, message: str, kept: Path | None = None):
        self.name = name
        self.kept = kept
        self.message = message
        super().__init__(f"report {name!r} failed: {message}" + (f" — the notebook is kept at {kept}" if kept else ""))


@dataclass
class RunResult:
    name: str
    folder: Path
    durations: dict = field(default_factory=dict)
    manifest: dict = field(default_factory=dict)
    skipped: bool = False


def ensure_kernel() -> None:
    """Make papermill's ``python3`` kernel this interpreter (the venv's), not another Python's."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        argv0 = KernelSpecManager().get_kernel_spec("python3").argv[0]
    except NoSuchKernel:
        return  # jupyter_client then falls back to the native kernel: sys.executable
    if argv0 in ("python", "python3") or os.path.realpath(argv0) == os.path.realpath(sys.executable):
        return
    share = os.path.join(sys.prefix, "share", "jupyter")
    if not os.path.isfile(os.path.join(share, "kernels", "python3", "kernel.json")):
        from ipykernel.kernelspec import install

        install(prefix=sys.prefix, kernel_name="python3", display_name="Python 3 (newsframe)")
    os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [share, os.environ.get("JUPYTER_PATH")]))


def _quiet_kernel_manager():
    """A kernel manager whose kernel writes its own chatter (transport warnings, shutdown notices) to
    ``$NEWSFRAME_KERNEL_LOG`` (or nowhere) instead of the terminal of the person running the report."""
    from jupyter_client.manager import AsyncKernelManager

    class QuietKernelManager(AsyncKernelManager):
        async def _async_launch_kernel(self, kernel_cmd, **kw):
            log = os.environ.get("NEWSFRAME_KERNEL_LOG")
            with open(log or os.devnull, "ab") as sink:
                kw["stdout"] = kw["stderr"] = sink
                return await super()._async_launch_kernel(kernel_cmd, **kw)

    return QuietKernelManager


def _cell_summary(nb, error) -> str:
    """``cell 9 (In [8]: charts.weapons(sel)): ValueError: …``: the failing cell numbered as in the source
    notebook (1-based, without papermill's injected and error-marker cells), its prompt and last line."""
    skip = {"injected-parameters", "papermill-error-cell-tag"}
    cells = [c for c in nb.cells if not set(c.metadata.get("tags", [])) & skip]
    where, source = "a cell", ""
    for number, cell in enumerate(cells, 1):
        if cell.cell_type == "code" and any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            lines = [ln.strip() for ln in cell.source.splitlines() if ln.strip()]
            source = lines[-1] if lines else ""
            source = source if len(source) <= 70 else source[:67] + "..."
            prompt = f"In [{cell.execution_count}]: " if cell.get("execution_count") else ""
            where = f"cell {number} ({prompt}{source})" if source or prompt else f"cell {number}"
            break
    ename, evalue = getattr(error, "ename", type(error).__name__), getattr(error, "evalue", str(error))
    return f"{where}: {ename}: {' '.join(str(evalue).split())}"


def execute(notebook: Path, output: Path, parameters: dict, timeout: float | None = 600):
    """papermill: the executed notebook is written to ``output`` even when a cell fails."""
    skip_slow_optional_imports()
    import papermill as pm

    ensure_kernel()
    return pm.execute_notebook(str(notebook), str(output), parameters=parameters, progress_bar=False,
                               log_output=False, request_save_on_cell_execute=False,
                               cwd=str(notebook.parent), execution_timeout=timeout,
                               kernel_manager_class=_quiet_kernel_manager())


def css_string(text: str) -> str:
    """Text safe inside a CSS string in a <style> element."""
    return "".join(c if c.isalnum() or c in " -_.,:;()!?'’" else f"\\{ord(c):x} " for c in text)


@functools.lru_cache(maxsize=1)
def html_exporter():
    """nbconvert's HTML exporter with the newsframe template: outputs only, no prompts, no scripts."""
    skip_slow_optional_imports()
    return _brief_exporter_class()(template_name="newsframe", extra_template_basedirs=[str(TEMPLATES)],
                        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)


def _brief_exporter_class():
    """nbconvert's HTMLExporter without its last step, a BeautifulSoup pass over the whole page that only
    adds a stock alt text to images lacking one and ``tabindex`` to cells: 2.5 s of a 10,000-article brief
    (a 4 MB page), and every image the brief writes has its own alt text. The filters it registers first
    are registered the same way; an nbconvert without these internals gets the stock method."""
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class BriefExporter(HTMLExporter):
        def from_notebook_node(self, nb, resources=None, **kw):
            if not (hasattr(self, "_init_resources") and hasattr(self, "_nb_metadata")):
                return super().from_notebook_node(nb, resources, **kw)
            info = nb.metadata.get("language_info", {})
            lexer = info.get("pygments_lexer", info.get("name", None))
            self.register_filter("highlight_code", self.filters.get(
                "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)))
            resources = self._init_resources(resources)
            self.register_filter("filter_data_type", WidgetsDataTypeFilter(
                notebook_metadata=self._nb_metadata, parent=self, resources=resources))
            return TemplateExporter.from_notebook_node(self, nb, resources, **kw)

    return BriefExporter


def export_html(nb, path: Path, title: str) -> Path:
    """The executed notebook as one self-contained HTML page: outputs only, images embedded, no scripts,
    none of papermill's cells (parameters, injected parameters, error markers)."""
    nb = copy.deepcopy(nb)
    nb.cells = [c for c in nb.cells
                if not (set(c.metadata.get("tags", [])) & DROP_TAGS)
                and not (c.cell_type == "code" and not _visible_outputs(c))]
    for c in nb.cells:
        if c.cell_type == "code":
            c.outputs = _visible_outputs(c)
    nb.metadata["title"] = title
    nb.metadata.pop("papermill", None)
    resources = {"newsframe": {"version": analysis.__version__, "css_title": css_string(title)}}
    body, _ = html_exporter().from_notebook_node(nb, resources=resources)
    path.write_text(body, encoding="utf-8")
    return path


def _prepare_export(pdf: bool) -> threading.Thread:
    """While the kernel runs: load nbconvert and its templates, and start Chromium, in the background."""
    def work():
        try:
            html_exporter().from_notebook_node(_empty_notebook(), resources={"newsframe": {"version": "", "css_title": ""}})
        except Exception:  # noqa: BLE001 — only a warm-up; the real export reports its own errors
            pass

    if pdf:
        from analysis.report.pdf import shared_browser

        try:
            shared_browser()
        except Exception:  # noqa: BLE001 — print_pdf will raise the error with its fix
            pass
    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    return thread


def _empty_notebook():
    import nbformat

    return nbformat.v4.new_notebook()


def _visible_outputs(cell) -> list:
    """Outputs a reader should see: not warnings on stderr (they stay in the executed notebook)."""
    return [o for o in cell.get("outputs", []) if not (o.get("output_type") == "stream" and o.get("name") == "stderr")]


def check_name(name: str) -> str:
    """A report name is a plain folder name that cannot collide with what else lives in the reports
    folder: ``index.html``, the ``.failed`` folders, locks and temporaries."""
    if not REPORT_NAME.match(name or "") or name.lower().endswith(RESERVED_SUFFIXES):
        raise OutputError(f"report name {name!r} — use letters, digits, '.', '_' or '-', starting with a letter "
                          f"or digit and not ending in {', '.join(RESERVED_SUFFIXES)}")
    return name


def check_outputs(jobs, out_root: Path) -> None:
    """Before anything runs: every job's name is usable and its folder is one newsframe may replace
    (``publish.check_target``), so ``--out . --name seeds`` is refused instead of replacing the articles."""
    for job in jobs:
        check_target(Path(out_root) / check_name(job.name), job.seeds, is_report_output, what="report folder")


def is_report_output(folder: Path) -> bool:
    """A report folder of an earlier version (before the marker file): it has its manifest or error."""
    return (folder / "manifest.json").is_file() or (folder / "error.txt").is_file()


def keep_failed(name: str, out_root: Path, files: list[Path], message: str) -> Path:
    """Put the partly executed notebook (and the HTML, when only printing failed) and the error in
    ``OUT/<name>.failed/``, replacing an older one; the index lists it."""
    with publishing(out_root / f"{name}.failed", owned=is_report_output, what="failed-report folder") as tmp:
        for path in files:
            if path.is_file():
                shutil.copy2(path, tmp / path.name)
        (tmp / "error.txt").write_text(message + "\n", encoding="utf-8")
    return out_root / f"{name}.failed" / f"{name}.ipynb"


def _execute_or_keep(name: str, notebook: Path, ipynb: Path, parameters: dict, out_root: Path):
    """Run the notebook; a failing cell keeps the partial notebook and raises ``ReportFailed``."""
    from papermill.exceptions import PapermillExecutionError

    try:
        return execute(notebook, ipynb, parameters)
    except PapermillExecutionError as error:
        import nbformat

        partial = nbformat.read(ipynb, as_version=4) if ipynb.is_file() else None
        message = _cell_summary(partial, error) if partial is not None else str(error)
        raise ReportFailed(name, message, keep_failed(name, out_root, [ipynb], message)) from None


def _print_or_keep(name: str, html_path: Path, pdf_path: Path, ipynb: Path, out_root: Path) -> None:
    """Print the PDF; when printing fails the HTML is not lost: it is kept with the notebook in
    ``OUT/<name>.failed/`` and the previous good report stays in place."""
    from analysis.report.pdf import print_pdf

    try:
        print_pdf(html_path, pdf_path)
    except Exception as error:  # noqa: BLE001 — any printing failure: keep the HTML, report it
        message = f"PDF printing failed ({type(error).__name__}: {' '.join(str(error).split())}); the HTML is kept"
        kept = keep_failed(name, out_root, [ipynb, html_path], message)
        raise ReportFailed(name, message, kept.with_suffix(".html")) from None


def run_report(name: str, notebook: Path, parameters: dict, out_root: Path, formats=FORMATS,
               seeds: Path | None = None, key: str | None = None, ins: dict | None = None,
               title: str | None = None, guard: Callable[[], None] | None = None) -> RunResult:
    """Execute, export and publish one report; raises ``ReportFailed`` when a cell or printing fails.

    ``guard()`` runs just before publishing and may raise to stop it (see ``publish.publishing``)."""
    # papermill (and with it jupyter_client) is imported before the export warm-up thread starts: two
    # threads importing jupyter_client at once can meet a partially initialised module.
    import papermill.exceptions  # noqa: F401

    notebook, out_root = Path(notebook).resolve(), Path(out_root)
    target = out_root / check_name(name)
    ins = ins or mf.inputs(notebook, seeds)
    key = key or mf.job_key(ins, parameters, formats)
    title = str(title or parameters.get("title") or name)
    durations: dict[str, float] = {}
    start = time.perf_counter()
    with publishing(target, seeds=seeds, owned=is_report_output, guard=guard, what="report folder") as tmp:
        ipynb = tmp / f"{name}.ipynb"
        warm = _prepare_export("pdf" in formats)
        t = time.perf_counter()
        nb = _execute_or_keep(name, notebook, ipynb, parameters, out_root)
        durations["execute"] = time.perf_counter() - t
        warm.join()
        t = time.perf_counter()
        html_path = export_html(nb, tmp / f"{name}.html", title)
        durations["html"] = time.perf_counter() - t
        if "pdf" in formats:
            t = time.perf_counter()
            _print_or_keep(name, html_path, tmp / f"{name}.pdf", ipynb, out_root)
            durations["pdf"] = time.perf_counter() - t
        if "html" not in formats:
            html_path.unlink()
        durations["total"] = time.perf_counter() - start
        manifest = mf.build(name, ins, parameters, formats, durations, tmp, key, title)
        mf.write(tmp, manifest)
    shutil.rmtree(out_root / f"{name}.failed", ignore_errors=True)
    return RunResult(name, target, durations, manifest)
