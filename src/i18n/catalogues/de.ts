import type { Catalogue } from '../catalogue.js'

// Deutsch, Sie-Form. Die Schlüssel sind die des englischen Katalogs (catalogues/en.ts).
export const de: Catalogue = {
  language: {
    name: 'Deutsch',
    label: 'Sprache',
    full: 'Die Sprache wurde nicht gewechselt: Ihr Depot füllt das Cookie des Browsers, und es ist kein Platz mehr, sie zu speichern. Entfernen Sie einen Kauf und wählen Sie erneut.'
  },
  site: {
    name: 'Aktiendepot',
    navigation: 'Hauptmenü',
    stocks: 'Depot',
    addStock: 'Aktie hinzufügen',
    importCsv: 'Import'
  },
  notice: {
    cookieConflict: 'Ihr Browser hat zwei Depot-Cookies gesendet, daher wurde keines verwendet: Eine andere Website dieser Domain hat vielleicht eines gesetzt. Gespeichert werden kann erst wieder, wenn die Cookies dieser Website im Browser gelöscht sind.'
  },
  list: {
    title: 'Aktienliste',
    views: 'Ansichten',
    purchases: 'Käufe',
    positions: 'Positionen',
    exportCsv: 'Als CSV exportieren',
    importCsv: 'CSV importieren',
    purchasesCaption: 'Ihre Käufe',
    positionsCaption: 'Ihre Positionen: alle Käufe eines Symbols zusammengefasst',
    actions: 'Aktionen',
    total: 'Summe',
    remove: 'Entfernen',
    removeLabel: '{symbol} entfernen: {shares} zu {price}',
    pages: 'Seiten',
    previous: 'Zurück',
    next: 'Weiter',
    rows: 'Zeilen {first} bis {last} von {count}',
    clearSummary: 'Das ganze Depot leeren',
    clearExplanation: '{count, plural, one {Damit wird der eine Kauf aus diesem Browser entfernt.} other {Damit werden alle # Käufe aus diesem Browser entfernt.}}',
    clearButton: 'Depot leeren',
    empty: 'Ihr Depot ist leer.',
    emptyAdd: 'Fügen Sie eine Aktie hinzu',
    emptyBetween: ', um es zu beginnen, oder ',
    emptyImport: 'importieren Sie eine CSV-Datei',
    emptyEnd: '.'
  },
  column: {
    symbol: 'Börsenkürzel',
    shares: 'Anzahl der Aktien',
    price: 'Kaufpreis',
    cost: 'Kosten',
    average: 'Durchschnittspreis',
    purchases: 'Käufe',
    share: 'Anteil an den Kosten'
  },
  addStock: {
    title: 'Aktie hinzufügen',
    submit: 'Aktie hinzufügen',
    fixValues: 'Einige Angaben sind zu korrigieren; nichts wurde gespeichert.',
    malformed: 'Das Formular kam mit Feldern an, die es nicht hat, oder mit einem Feld doppelt. Prüfen Sie die Angaben und senden Sie es erneut.',
    expired: 'Dieses Formular war abgelaufen, daher wurde nichts gespeichert. Prüfen Sie die Angaben und senden Sie es erneut.',
    full: 'Ihr Depot ist voll: {count, plural, one {# Kauf ist} other {# Käufe sind}} das Höchste, was ein Browser-Cookie tragen kann. Entfernen Sie einen Kauf, um einen weiteren hinzuzufügen.'
  },
  field: {
    stock_symbol: {
      label: 'Börsenkürzel',
      hint: 'Etwa AAPL oder BRK.B.',
      missing: 'Geben Sie ein Börsenkürzel ein.',
      invalid: 'Ein Börsenkürzel ist ein Buchstabe, gefolgt von bis zu 9 Buchstaben, Ziffern, Punkten oder Bindestrichen, etwa AAPL oder BRK.B.'
    },
    number_of_shares: {
      label: 'Anzahl der Aktien',
      hint: 'Eine ganze Zahl.',
      missing: 'Geben Sie die Anzahl der Aktien ein.',
      invalid: 'Die Anzahl der Aktien ist eine ganze Zahl von 1 bis {max}, ohne Tausenderpunkte.'
    },
    purchase_price: {
      label: 'Kaufpreis ({symbol})',
      hint: 'In {currencyName}, bis zu {digits} Nachkommastellen, {comma, select, yes {mit Komma oder Punkt} other {mit Punkt}} vor den Nachkommastellen und ohne Tausenderpunkte, etwa {example}.',
      missing: 'Geben Sie den Kaufpreis ein.',
      invalid: 'Der Kaufpreis ist ein Betrag in {currencyName} über 0 und bis {max}, mit höchstens {digits} Nachkommastellen, {comma, select, yes {mit Komma oder Punkt} other {mit Punkt}} davor und ohne Tausenderpunkte, etwa {example}.'
    }
  },
  flash: {
    added: '{shares, plural, one {# Aktie} other {# Aktien}} {symbol} zu {price} hinzugefügt.',
    removed: '{shares, plural, one {# Aktie} other {# Aktien}} {symbol} zu {price} entfernt.',
    stale: 'Nichts wurde entfernt: Diese Zeile hatte sich bereits geändert. Hier ist das Depot, wie es jetzt ist.',
    cleared: 'Das Depot wurde geleert: {count, plural, one {# Kauf} other {# Käufe}} entfernt.',
    imported: '{count, plural, one {# Kauf} other {# Käufe}} importiert.',
    replaced: '{count, plural, one {# Kauf} other {# Käufe}} importiert; sie ersetzen das bisherige Depot.'
  },
  importCsv: {
    title: 'Ein Depot importieren',
    file: 'CSV-Datei',
    fileHint: 'Die Datei, die diese Website exportiert, oder jede CSV-Datei, deren erste Zeile die Spalten symbol, shares und price nennt, in beliebiger Reihenfolge; auch mit Semikolons und Dezimalkomma, wie deutsche Tabellenkalkulationen sie speichern. Höchstens {limit} KiB.',
    purchases: 'Die Käufe in der Datei',
    append: 'Zum Depot hinzufügen',
    replace: 'Das Depot durch sie ersetzen',
    submit: 'Importieren',
    noFile: 'Wählen Sie eine CSV-Datei zum Importieren. Nichts wurde importiert.',
    notUtf8: 'Die Datei ist kein Text in UTF-8 und damit keine CSV-Datei, die diese Seite liest. Nichts wurde importiert.',
    problems: 'Nichts wurde importiert: Die Datei hat {count, plural, one {# Fehler} other {# Fehler}}.',
    moreProblems: 'und {count, plural, one {# weiterer Fehler} other {# weitere Fehler}}',
    tooManyToAdd: 'Die Datei enthält {count, plural, one {# Kauf} other {# Käufe}}, aber ein Browser-Cookie hat neben {kept, plural, one {dem # vorhandenen Kauf} other {den # vorhandenen Käufen}} nur noch Platz für {room}. Nichts wurde importiert.',
    tooManyToReplace: 'Die Datei enthält {count, plural, one {# Kauf} other {# Käufe}}, aber ein Browser-Cookie hat nur Platz für {room}. Nichts wurde importiert.'
  },
  csv: {
    tooMany: 'Die Datei enthält mehr als {max} Käufe, mehr als ein Browser-Cookie fassen kann',
    unclosedQuote: 'Die Datei ist keine CSV-Datei: Zeile {line}: Eine Zelle in Anführungszeichen wird nicht geschlossen',
    textAfterQuote: 'Die Datei ist keine CSV-Datei: Zeile {line}: Eine Zelle hat Text nach dem schließenden Anführungszeichen',
    empty: 'Die Datei ist leer',
    header: 'Zeile {line}: Die Kopfzeile muss die Spalten symbol, shares und price nennen (es fehlen: {missing})',
    noPurchases: 'Die Datei hat eine Kopfzeile, aber keine Käufe',
    missing: {
      stock_symbol: 'Zeile {line}: Das Börsenkürzel fehlt',
      number_of_shares: 'Zeile {line}: Die Anzahl der Aktien fehlt',
      purchase_price: 'Zeile {line}: Der Kaufpreis fehlt'
    },
    invalid: {
      stock_symbol: 'Zeile {line}: Ein Börsenkürzel ist ein Buchstabe, gefolgt von bis zu 9 Buchstaben, Ziffern, Punkten oder Bindestrichen, etwa AAPL oder BRK.B',
      number_of_shares: 'Zeile {line}: Die Anzahl der Aktien ist eine ganze Zahl von 1 bis {max}, ohne Tausenderpunkte',
      purchase_price: 'Zeile {line}: Der Kaufpreis ist ein Betrag in {currencyName} über 0 und bis {max}, mit höchstens {digits} Nachkommastellen, {comma, select, yes {mit Komma oder Punkt} other {mit Punkt}} davor und ohne Tausenderpunkte, etwa {example}'
    }
  },
  error: {
    refused: 'Anfrage abgelehnt',
    notFound: 'Seite nicht gefunden',
    notFoundMessage: 'Unter dieser Adresse gibt es keine Seite. Nichts wurde geändert.',
    malformedRequest: 'Diese Adresse oder Anfrage ist fehlerhaft und wurde daher nicht gelesen. Nichts wurde geändert.',
    internal: 'Bei uns ist etwas schiefgegangen. Ihr Depot wurde nicht geändert.',
    backToForm: 'Zurück zum Formular',
    seePortfolio: 'Zu Ihrem Depot',
    formTooLarge: 'Das Formular war größer als {limit} KiB und wurde daher nicht gelesen. Nichts wurde geändert.',
    requestTooLarge: 'Die Anfrage war größer als {limit} KiB und wurde daher nicht gelesen. Nichts wurde geändert.',
    uploadTooLarge: 'Die Datei war größer als {limit} KiB und wurde daher nicht gelesen. Nichts wurde geändert.',
    mediaType: 'Diese Seite nimmt nur Formulare im Format application/x-www-form-urlencoded an (die Import-Seite: multipart/form-data). Nichts wurde geändert.',
    validation: 'Das Formular kam unvollständig oder mit Feldern an, die es nicht hat. Nichts wurde geändert.',
    busy: 'Der Server ist gerade ausgelastet. Nichts wurde geändert; versuchen Sie es in einigen Sekunden erneut.',
    csrf: 'Dieses Formular ist abgelaufen oder kam nicht von dieser Website. Laden Sie die Seite neu und senden Sie es erneut.',
    crossSite: 'Dieses Formular wurde von einer anderen Website gesendet und daher abgelehnt. Nichts wurde geändert.',
    cookieConflict: 'Ihr Browser hat zwei Depot-Cookies gesendet, daher wurde keines verwendet: Eine andere Website dieser Domain hat vielleicht eines gesetzt. Gespeichert werden kann erst wieder, wenn die Cookies dieser Website im Browser gelöscht sind. Nichts wurde geändert.',
    uploadMalformed: 'Der Upload war nicht das Import-Formular: eine Datei, die Wahl zwischen Hinzufügen und Ersetzen und das Token des Formulars. Nichts wurde geändert.',
    uploadIncomplete: 'Der Upload kam unvollständig an: Er endete vor dem Formular. Nichts wurde geändert.',
    fieldTooLong: 'Ein Feld des Import-Formulars war länger als {limit} Zeichen. Nichts wurde geändert.',
    other: 'Die Anfrage wurde abgelehnt ({detail}). Nichts wurde geändert.'
  }
}
