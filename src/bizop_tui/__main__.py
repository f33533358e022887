from bizop_tui.start import main

main()
