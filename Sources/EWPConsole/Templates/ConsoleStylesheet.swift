/// The console's one stylesheet, served by the node (no external assets). Colours keep a contrast
/// of at least 4.5:1 on their backgrounds; the layout is one column at phone width.
enum ConsoleStylesheet {
    static let path = "/console/static/console.css"

    static let text = """
        :root { --ink: #1b1b1b; --muted: #4a4a4a; --line: #c8c8c8; --accent: #0b4f8a; --paper: #ffffff; --band: #eef2f7;
                --bad: #9b1c1c; --good: #1d5e2a; --warn: #7a4a00; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--paper); }
        a { color: var(--accent); }
        a:focus, button:focus, input:focus, select:focus, textarea:focus, main:focus { outline: 3px solid #f0a500; outline-offset: 2px; }
        .skip { position: absolute; left: -999px; top: 0; background: var(--paper); padding: .5rem; }
        .skip:focus { left: .5rem; }
        header.top { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: .5rem;
                     padding: .5rem 1rem; background: var(--accent); color: #fff; }
        header.top a { color: #fff; text-decoration: none; font-weight: 600; }
        header.top .hei { font-weight: 400; margin-left: .5rem; }
        header.top .brand { margin: 0; }
        header.top .who { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
        header.top .roles { font-size: .875rem; }
        header.top button { background: #fff; color: var(--accent); border: 0; }
        nav[aria-label="Main"] { background: var(--band); border-bottom: 1px solid var(--line); }
        nav[aria-label="Main"] ul { list-style: none; margin: 0; padding: 0 1rem; display: flex; flex-wrap: wrap; gap: 0 1.25rem; }
        nav[aria-label="Main"] a { display: inline-block; padding: .6rem 0; text-decoration: none; }
        nav[aria-label="Main"] a[aria-current="page"] { font-weight: 700; border-bottom: 3px solid var(--accent); }
        main { padding: 1rem; max-width: 72rem; }
        h1 { font-size: 1.6rem; margin: .5rem 0 1rem; }
        h2 { font-size: 1.25rem; margin: 1.5rem 0 .5rem; }
        table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
        th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { background: var(--band); }
        .table-scroll { overflow-x: auto; }
        form.stacked label { display: block; font-weight: 600; margin: .75rem 0 .25rem; }
        form.stacked input[type=text], form.stacked input[type=email], form.stacked input[type=password], form.stacked textarea, form.stacked select {
            width: 100%; max-width: 28rem; padding: .5rem; font: inherit; border: 1px solid var(--muted); border-radius: 4px; }
        form.stacked fieldset { max-width: 28rem; border: 1px solid var(--line); border-radius: 4px; margin-top: .75rem; }
        form.stacked fieldset label, fieldset label { display: inline; font-weight: 400; margin: 0; }
        form.inline { display: inline; }
        form.search { display: flex; flex-wrap: wrap; gap: .5rem; align-items: flex-end; margin-bottom: 1rem; }
        form.search label { display: flex; flex-direction: column; font-weight: 600; }
        form.search input, form.search select { padding: .4rem; font: inherit; border: 1px solid var(--muted); border-radius: 4px; }
        button { font: inherit; padding: .45rem .9rem; border-radius: 4px; border: 1px solid var(--accent); background: var(--accent);
                 color: #fff; cursor: pointer; }
        button.secondary { background: var(--paper); color: var(--accent); }
        button.danger { background: var(--bad); border-color: var(--bad); }
        button[disabled] { background: #8a8a8a; border-color: #8a8a8a; cursor: not-allowed; }
        .notice { padding: .6rem .8rem; border-left: 4px solid var(--accent); background: var(--band); }
        .notice.error { border-color: var(--bad); color: var(--bad); background: #fbeaea; }
        .notice.ok { border-color: var(--good); color: var(--good); background: #e9f5ec; }
        .notice.warning { border-color: var(--warn); color: var(--warn); background: #fdf3e1; }
        .muted { color: var(--muted); }
        .side-by-side { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
        .side-by-side > section { border: 1px solid var(--line); border-radius: 4px; padding: .5rem 1rem; min-width: 0; }
        pre { white-space: pre-wrap; word-break: break-word; font-size: .85rem; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
        dl.facts dt { font-weight: 600; }
        dl.facts dd { margin: 0; }
        .pager { display: flex; gap: 1rem; align-items: center; }
        @media (max-width: 40rem) {
            .side-by-side { grid-template-columns: 1fr; }
            dl.facts { grid-template-columns: 1fr; }
            th, td { padding: .3rem; }
            main { padding: .75rem; }
        }
        """
}
