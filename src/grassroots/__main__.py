from grassroots.cli.main import main

raise SystemExit(main())
