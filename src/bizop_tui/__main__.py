from bizop_tui.cli import main

main()
