import type { Strings } from "./strings.js";

/** Polish strings of the back office's report, catalog and settings pages (same keys as strings.ts). */
export const pl: Strings = {
  nav: { dashboard: "Pulpit", sales: "Raporty sprzedaży", receipts: "Paragony", shifts: "Zmiany", outbox: "Wysyłka e-mail", settings: "Ustawienia sklepu", devices: "Urządzenia POS" },
  period: { today: "Dziś", yesterday: "Wczoraj", week: "Ten tydzień", month: "Ten miesiąc", custom: "Własny", from: "Od", to: "Do", apply: "Zastosuj" },
  dashboard: {
    title: "Pulpit",
    lead: "Sprzedaż w strefie czasowej sklepu w porównaniu z poprzednim okresem.",
    gross: "Sprzedaż brutto",
    refunds: "Zwroty",
    discounts: "Rabaty",
    net: "Sprzedaż netto",
    taxes: "Podatki",
    receipts: "Paragony",
    average: "Średnia sprzedaż",
    vs: "wobec poprzedniego okresu",
    chart: "Sprzedaż netto",
    previous: "Poprzedni okres",
    current: "Ten okres",
    noChange: "bez zmian",
  },
  sales: { title: "Raporty sprzedaży", lead: "Co się sprzedało: według pozycji, kategorii i rodzaju płatności. Zwroty pomniejszają zwracaną pozycję; anulowane paragony są pominięte.", items: "Według pozycji", categories: "Według kategorii", payments: "Według płatności", item: "Pozycja", category: "Kategoria", quantity: "Sprzedano", gross: "Sprzedaż brutto", discounts: "Rabaty", refunds: "Zwroty", net: "Sprzedaż netto", payment: "Rodzaj płatności", payments_n: "Płatności", amount: "Kwota", refundAmount: "Zwrócono", netAmount: "Kwota netto", empty: "Brak sprzedaży w tym okresie." },
  history: { title: "Historia paragonów", lead: "Szukaj paragonów według kasy, rodzaju i daty; otwórz paragon, aby zobaczyć zwroty lub go anulować.", register: "Kasa", allRegisters: "Wszystkie kasy", kind: "Rodzaj", all: "Sprzedaż i zwroty", sale: "Sprzedaż", refund: "Zwroty", number: "Nr paragonu", time: "Czas", total: "Suma", status: "Status", cancelled: "Anulowany", active: "Ważny", refundBadge: "Zwrot", cancel: "Anuluj paragon", cancelConfirm: "Anulować ten paragon? Zniknie z raportów i rozliczeń zmian, a towar wróci na stan. Tego nie można cofnąć.", cancelDo: "Tak, anuluj", keep: "Zostaw", empty: "Brak paragonów dla tych filtrów.", receivedAt: "Odebrany przez serwer", refundsOf: "Zwroty tego paragonu", search: "Szukaj", clear: "Wyczyść" },
  shifts: { title: "Zmiany", lead: "Każda zmiana z raportem kasowym: gotówka oczekiwana i policzona, wpłaty i wypłaty.", opened: "Otwarta", closed: "Zamknięta", open: "Otwarta", register: "Kasa", net: "Sprzedaż netto", expected: "Oczekiwana gotówka", counted: "Policzono", difference: "Różnica", starting: "Gotówka początkowa", cashPayments: "Płatności gotówką", cashRefunds: "Zwroty gotówką", paidIn: "Wpłaty", paidOut: "Wypłaty", receipts: "Paragony", empty: "Brak zmian. Pojawią się, gdy kasa otworzy zmianę." },
  outbox: { title: "Wysyłka e-mail", lead: "Paragony, o których wysłanie e-mailem poprosili klienci, i los każdej wiadomości.", to: "Do", receipt: "Paragon", requested: "Zlecono", state: "Stan", attempts: "Próby", error: "Ostatni błąd", queued: "W kolejce", sent: "Wysłano", failed: "Błąd", empty: "Nikt jeszcze nie poprosił o paragon e-mailem." },
  settings: { title: "Ustawienia sklepu", lead: "Jak sklep formatuje kwoty i daty oraz liczy okresy raportów. Zmiany trafiają do kas online od razu.", edit: "Edytuj", save: "Zapisz", cancel: "Anuluj", saved: "Zapisano — kasy dostaną zmiany przy synchronizacji (online od razu)", name: "Nazwa sklepu", currency: "Waluta", timeZone: "Strefa czasowa", locale: "Ustawienia regionalne", useShifts: "Używaj zmian", ticketNames: "Nazwy otwartych rachunków", yes: "Tak", no: "Nie", none: "Brak" },
  items: { title: "Pozycje", lead: "Katalog, z którego sprzedają kasy. Zmiany trafiają do kas online w ciągu sekundy.", add: "Dodaj pozycję", name: "Nazwa", price: "Cena", tax: "Podatek", category: "Kategoria", save: "Zapisz pozycję", cancel: "Anuluj", edit: "Edytuj", remove: "Usuń", variants: "wariantów", invalid: "Podaj nazwę i cenę równą zero lub większą." },
  common: { loading: "Wczytywanie…", retry: "Spróbuj ponownie", refresh: "Odśwież", error: "Nie udało się wczytać strony" },
};
