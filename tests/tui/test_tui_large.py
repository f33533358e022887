"""Large models: the first analysis runs off the UI thread on a copy, while the person edits."""

from __future__ import annotations

import asyncio
import threading

from bizop_tui.alignment import analyse
from bizop_tui.bench.synthetic import synthetic_model
from bizop_tui.model.document import Document
from tui_helpers import TODAY, WIDE, main_screen, open_app, title_line


async def test_an_edit_made_while_the_first_analysis_of_a_large_model_runs_is_in_the_score(tmp_path):
    path = tmp_path / "large.toml"
    path.write_text(synthetic_model(3000), "utf-8")
    document = Document.open(str(path))
    app = open_app(document)
    session = app.session
    # The analysis thread waits until the edit is made, so the edit surely comes while it runs.
    edited = threading.Event()
    start_job = session.analysis_job

    def gated_job():
        job = start_job()
        return lambda: edited.wait(30) and job()

    session.analysis_job = gated_job
    async with app.run_test(size=WIDE) as pilot:
        main = main_screen(pilot.app)
        assert session.alignment is None, "the first analysis is not on the UI thread"
        assert "computing" in title_line(pilot.app)
        await pilot.pause(0.3)  # the analysis has started
        await pilot.press("d")  # the first business entry
        await pilot.pause()
        assert session.alignment is None and document.dirty
        edited.set()
        for _ in range(300):
            await asyncio.sleep(0.1)
            if session.alignment is not None:
                break
        await pilot.pause()
        fresh = analyse(document.model, today=TODAY)
        assert session.alignment.score == fresh.score
        assert sorted(f.key for f in session.alignment.findings) == sorted(f.key for f in fresh.findings)
        assert f"{fresh.score}/100" in title_line(pilot.app)
        assert main.tree("business").current_entry is not None
