extension ConsoleTemplate {
    /// Every page: a skip link, the header (node, HEI, account, sign out), the navigation, the main part.
    static let layout = ConsoleTemplate(name: "layout", text: """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · EWP console</title>
        <link rel="stylesheet" href="/console/static/console.css">
        </head>
        <body>
        <a class="skip" href="#main">Skip to the content</a>
        <header class="top">
          <p class="brand"><a href="/console/">EWP console</a>{{#account.hei}} <span class="hei">{{account.hei}}</span>{{/account.hei}}</p>
          {{#account}}
          <div class="who">
            <span class="name">{{name}}</span> <span class="email">({{email}})</span> <span class="roles">{{roles}}</span>
            <form method="post" action="/console/logout" class="inline">
              <input type="hidden" name="_csrf" value="{{csrf}}">
              <button type="submit">Sign out</button>
            </form>
          </div>
          {{/account}}
        </header>
        {{#hasNavigation}}
        <nav aria-label="Main">
          <ul>
          {{#navigation}}
            <li><a href="{{path}}"{{#current}} aria-current="page"{{/current}}>{{title}}</a></li>
          {{/navigation}}
          </ul>
        </nav>
        {{/hasNavigation}}
        <main id="main" tabindex="-1">
        <h1>{{title}}</h1>
        {{{content}}}
        </main>
        </body>
        </html>
        """)

    /// A refusal or failure, in words.
    static let error = ConsoleTemplate(name: "error", text: """
        <p class="notice error" role="alert">{{message}}</p>
        <p><a href="/console/">Back to the console's home page</a></p>
        """)

    /// Previous / next links of a paginated list (`pager.previous`, `pager.next` are hrefs).
    static let pager = ConsoleTemplate(name: "pager", text: """
        {{#pager}}
        <nav class="pager" aria-label="Pages">
          {{#previous}}<a href="{{previous}}" rel="prev">Previous page</a>{{/previous}}
          <span>Page {{page}}</span>
          {{#next}}<a href="{{next}}" rel="next">Next page</a>{{/next}}
        </nav>
        {{/pager}}
        """)
}
