// The pages' English, the course's own words: every text a visitor sees, by key. A message
// with {arguments} is ICU MessageFormat (plural and select included); one without is plain
// text. Other catalogues have exactly these keys (src/i18n/catalogue.ts types them).
export const en = {
  language: {
    name: 'English',
    label: 'Language',
    full: 'The language was not changed: your portfolio fills the browser\'s cookie, which has no room left to remember it. Remove a holding and choose again.'
  },
  site: {
    name: 'Stock Portfolio',
    navigation: 'Main',
    stocks: 'Portfolio',
    addStock: 'Add a stock',
    importCsv: 'Import'
  },
  notice: {
    cookieConflict: 'Your browser sent two portfolio cookies, so neither was used: another site on this domain may have set one. Nothing can be saved until this site\'s cookies are cleared in the browser.'
  },
  list: {
    title: 'List of Stocks',
    views: 'Views',
    purchases: 'Purchases',
    positions: 'Positions',
    exportCsv: 'Export CSV',
    importCsv: 'Import CSV',
    purchasesCaption: 'Your purchases',
    positionsCaption: 'Your positions: every purchase of a symbol, summed',
    actions: 'Actions',
    total: 'Total',
    remove: 'Remove',
    removeLabel: 'Remove {symbol}: {shares} at {price}',
    pages: 'Pages',
    previous: 'Previous',
    next: 'Next',
    rows: 'Rows {first} to {last} of {count}',
    clearSummary: 'Clear the whole portfolio',
    clearExplanation: '{count, plural, one {This removes the one holding from this browser.} other {This removes all # holdings from this browser.}}',
    clearButton: 'Clear portfolio',
    empty: 'Your portfolio is empty.',
    emptyAdd: 'Add a stock',
    emptyBetween: ' to start it, or ',
    emptyImport: 'import a CSV file',
    emptyEnd: '.'
  },
  column: {
    symbol: 'Stock Symbol',
    shares: 'Number of Shares',
    price: 'Purchase Price',
    cost: 'Cost',
    average: 'Average Price',
    purchases: 'Purchases',
    share: 'Share of Cost'
  },
  addStock: {
    title: 'Add a Stock',
    submit: 'Add Stock',
    fixValues: 'Some values need fixing; nothing was saved.',
    malformed: 'The form arrived with fields it does not have, or with a field twice. Check the values and send it again.',
    expired: 'This form had expired, so nothing was saved. Check the values and send it again.',
    full: 'Your portfolio is full: {count} holdings are the most one browser cookie can carry. Remove a holding to add another.'
  },
  field: {
    stock_symbol: {
      label: 'Stock Symbol',
      hint: 'Like AAPL or BRK.B.',
      missing: 'Enter a stock symbol.',
      invalid: 'A stock symbol is a letter followed by up to 9 letters, digits, dots or dashes, like AAPL or BRK.B.'
    },
    number_of_shares: {
      label: 'Number of Shares',
      hint: 'A whole number.',
      missing: 'Enter the number of shares.',
      invalid: 'The number of shares is a whole number from 1 to {max}.'
    },
    purchase_price: {
      label: 'Purchase Price ({symbol})',
      hint: 'In {currency, select, USD {dollars} other {{currencyName}}}, up to {digits} decimals.',
      missing: 'Enter the purchase price.',
      invalid: 'The purchase price is a number of {currency, select, USD {dollars} other {{currencyName}}} above 0 and up to {max}, with at most {digits} decimals, like {example}.'
    }
  },
  flash: {
    added: 'Added {shares, plural, one {# share} other {# shares}} of {symbol} at {price}.',
    removed: 'Removed {shares, plural, one {# share} other {# shares}} of {symbol} at {price}.',
    stale: 'Nothing was removed: that row had already changed. Here is the portfolio as it is now.',
    cleared: 'Cleared the portfolio: removed {count, plural, one {# holding} other {# holdings}}.',
    imported: 'Imported {count, plural, one {# purchase} other {# purchases}}.',
    replaced: 'Imported {count, plural, one {# purchase} other {# purchases}}, replacing the portfolio.'
  },
  importCsv: {
    title: 'Import a Portfolio',
    file: 'CSV file',
    fileHint: 'The file this site exports, or any CSV whose first line names the columns symbol, shares and price, in any order. At most {limit} KiB.',
    purchases: 'The purchases in the file',
    append: 'Add them to the portfolio',
    replace: 'Replace the portfolio with them',
    submit: 'Import',
    noFile: 'Choose a CSV file to import. Nothing was imported.',
    notUtf8: 'The file is not text in UTF-8, so it is not a CSV file this page reads. Nothing was imported.',
    problems: 'Nothing was imported: the file has {count, plural, one {# problem} other {# problems}}.',
    moreProblems: 'and {count, plural, one {# more problem} other {# more problems}}',
    tooManyToAdd: 'The file has {count, plural, one {# purchase} other {# purchases}}, but one browser cookie has room for {room} more beside the {kept, plural, one {# purchase} other {# purchases}} already there. Nothing was imported.',
    tooManyToReplace: 'The file has {count, plural, one {# purchase} other {# purchases}}, but one browser cookie has room for {room} more. Nothing was imported.'
  },
  csv: {
    tooMany: 'the file has more than {max} purchases, more than one browser cookie can hold',
    unclosedQuote: 'the file is not CSV: line {line}: a quoted cell is not closed',
    textAfterQuote: 'the file is not CSV: line {line}: a quoted cell has text after its closing quote',
    empty: 'the file is empty',
    header: 'line {line}: the header must name the columns symbol, shares and price (missing: {missing})',
    noPurchases: 'the file has a header but no purchases',
    missing: {
      stock_symbol: 'line {line}: the stock symbol is missing',
      number_of_shares: 'line {line}: the number of shares is missing',
      purchase_price: 'line {line}: the purchase price is missing'
    },
    invalid: {
      stock_symbol: 'line {line}: a stock symbol is a letter followed by up to 9 letters, digits, dots or dashes, like AAPL or BRK.B',
      number_of_shares: 'line {line}: the number of shares is a whole number from 1 to {max}',
      purchase_price: 'line {line}: the purchase price is a number of {currency, select, USD {dollars} other {{currencyName}}} above 0 and up to {max}, with at most {digits} decimals, like {example}'
    }
  },
  error: {
    refused: 'Request refused',
    notFound: 'Page not found',
    notFoundMessage: 'There is no page at this address. Nothing was changed.',
    malformedRequest: 'That address or request is malformed, so it was not read. Nothing was changed.',
    internal: 'Something went wrong on our side. Your portfolio was not changed.',
    backToForm: 'Back to the form',
    seePortfolio: 'See your portfolio',
    formTooLarge: 'The form was larger than {limit} KiB, so it was not read. Nothing was changed.',
    requestTooLarge: 'The request was larger than {limit} KiB, so it was not read. Nothing was changed.',
    uploadTooLarge: 'The file was larger than {limit} KiB, so it was not read. Nothing was changed.',
    mediaType: 'This page accepts only forms sent as application/x-www-form-urlencoded (the import page: multipart/form-data). Nothing was changed.',
    validation: 'The form arrived incomplete or with fields it does not have. Nothing was changed.',
    busy: 'The server is busy right now. Nothing was changed; try again in a few seconds.',
    csrf: 'This form has expired or did not come from this site. Load the page again and resend it.',
    crossSite: 'This form was sent from another site, so it was refused. Nothing was changed.',
    cookieConflict: 'Your browser sent two portfolio cookies, so neither was used: another site on this domain may have set one. Nothing can be saved until this site\'s cookies are cleared in the browser. Nothing was changed.',
    uploadMalformed: 'The upload was not the import form: one file, the choice of adding or replacing, and the form\'s token. Nothing was changed.',
    uploadIncomplete: 'The upload arrived incomplete: it ended before the form did. Nothing was changed.',
    fieldTooLong: 'A field of the import form was longer than {limit} characters. Nothing was changed.',
    other: '{detail}'
  }
} as const
