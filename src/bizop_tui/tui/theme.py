"""bizop's default theme: Textual's dark theme, recoloured so every mark and message stays legible (at least
4.5:1, WCAG AA) in true colour, at 256 colours, at 16 colours (xterm's and the VGA/Linux palettes) and in
the greys Textual draws under NO_COLOR.

The 16-colour case decides most choices: Textual (through Rich) draws each colour as the nearest of the
16 in the VGA palette. So errors are a light red (bright red), warnings an amber-yellow (bright yellow),
information and the current pane a sky blue (bright cyan), scores that are good a green (bright green);
the panels of the title and key bars are dark enough to be black there (not grey, on which bright red
read 1.0:1 in xterm), and the primary colour (buttons) and the cursor deep blues that stay blue (not
cyan, on which white read 2.0:1).
Textual's dark theme drew errors #ba3c5b (3.4:1 on the background), and warnings and information in the
same orange, bright red at 16 colours like the errors.
"""

from __future__ import annotations

from textual.theme import Theme

BIZOP_DARK = Theme(
    name="bizop-dark",
    primary="#1E40AF",
    secondary="#004578",
    accent="#5FD7FF",
    warning="#FFD75F",
    error="#FF7070",
    success="#4EBF71",
    foreground="#E0E0E0",
    background="#121212",
    panel="#1C2329",
    variables={
        "block-cursor-background": "#283593",
        "block-cursor-foreground": "#FFFFFF",
        "block-cursor-blurred-background": "#1F2633",
        "footer-key-foreground": "#5FD7FF",
    },
)
