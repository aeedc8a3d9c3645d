// Shared by the tests and the benchmark (clients/README.md).
// One browser's session over real HTTP (fetch), for the tests and scripts that talk to a
// listening server: the process, load-balancer and soak tests, the benchmark.

export class HttpSession {
  cookie = ''
  token = ''

  private constructor (readonly url: string) {}

  /**
   * Loads the form page: the session's first cookie and its CSRF token. `csrf: false` is for
   * an app whose form has no token (the benchmark's straightforward app).
   */
  static async open (url: string, { csrf = true } = {}): Promise<HttpSession> {
    const session = new HttpSession(url)
    const form = await session.get('/add_stock')
    const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1]
    if (token === undefined && csrf) throw new Error(`${url}/add_stock answered ${form.status} with no form token: is the portfolio served there?`)
    session.token = token ?? ''
    return session
  }

  /** A request carrying the cookie; a re-issued cookie replaces it, as in a browser. */
  async fetch (path: string, init: RequestInit): Promise<Response> {
    const response = await fetch(this.url + path, { redirect: 'manual', ...init, headers: { ...init.headers, cookie: this.cookie } })
    const issued = response.headers.get('set-cookie')
    if (issued !== null) this.cookie = issued.split(';')[0] as string
    return response
  }

  get (path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.fetch(path, { headers })
  }

  /** Submits the add-stock form with this session's token. */
  addStock (symbol: string, shares: number | string, price: string): Promise<Response> {
    const body = new URLSearchParams({ stock_symbol: symbol, number_of_shares: String(shares), purchase_price: price, _csrf: this.token })
    return this.fetch('/add_stock', { method: 'POST', body })
  }

  /** The symbols of the portfolio in the order added, read from the JSON answer page by page. */
  async symbols (): Promise<string[]> {
    const symbols: string[] = []
    for (let page = 1, pages = 1; page <= pages; page++) {
      const list = await this.get(`/stocks/?page=${page}`, { accept: 'application/json' })
      const json = await list.json() as { holdings: Array<{ symbol: string }>, pages: number }
      symbols.push(...json.holdings.map((holding) => holding.symbol))
      pages = json.pages
    }
    return symbols
  }
}
