"""The default privacy notice and accessibility statement, in Polish (they are content, not
interface: administrators adapt them in the administration). Items in square brackets are
for the city to fill in. A page that already exists is left as it is."""

from django.db import migrations

PRIVACY_TITLE = "Informacja o przetwarzaniu danych osobowych (RODO)"
PRIVACY_BODY = """\
Na podstawie art. 13 i 14 rozporządzenia Parlamentu Europejskiego i Rady (UE) 2016/679 z dnia 27 kwietnia 2016 r. (RODO) informujemy, jak przetwarzamy dane osobowe osób korzystających z platformy konsultacji społecznych projektów aktów prawnych.

## Administrator danych
- W zakresie konsultacji, kont użytkowników i rejestru organizacji: Prezydent Miasta Sopotu, Urząd Miasta Sopotu, ul. Tadeusza Kościuszki 25/27, 81-704 Sopot.
- W zakresie prac Sopockiej Rady Organizacji Pozarządowych (stanowiska, poprawki, głosowania): Sopocka Rada Organizacji Pozarządowych, z siedzibą w Urzędzie Miasta Sopotu, ul. Tadeusza Kościuszki 25/27, 81-704 Sopot.

## Inspektor ochrony danych
Z inspektorem ochrony danych można się kontaktować we wszystkich sprawach dotyczących przetwarzania danych osobowych: [adres e-mail inspektora ochrony danych], listownie na adres Urzędu z dopiskiem „Inspektor ochrony danych”.

## Cele i podstawy prawne przetwarzania
- Przeprowadzenie konsultacji projektów aktów prawnych, przyjmowanie uwag i udzielanie na nie odpowiedzi oraz sporządzenie i publikacja raportu z konsultacji: art. 6 ust. 1 lit. c RODO (obowiązek prawny, m.in. ustawa o działalności pożytku publicznego i o wolontariacie oraz uchwały Rady Miasta Sopotu w sprawie konsultacji) oraz art. 6 ust. 1 lit. e RODO (zadanie realizowane w interesie publicznym).
- Prowadzenie kont użytkowników, potwierdzanie reprezentacji organizacji i członkostwa w nich: art. 6 ust. 1 lit. e RODO.
- Obsługa prac Rady (stanowiska, poprawki, głosowania, uchwały): art. 6 ust. 1 lit. c i e RODO.
- Zapewnienie bezpieczeństwa platformy (dziennik zdarzeń, ochrona przed nadużyciami): art. 6 ust. 1 lit. e RODO.

## Jakie dane przetwarzamy
Imię i nazwisko, adres e-mail, przynależność do organizacji i pełnione w niej funkcje, treść zgłoszonych uwag i załączników, a także zapis czynności wykonanych na platformie (kto, co i kiedy zrobił).

## Odbiorcy danych
Uwagi organizacji są jawne: treść uwagi i nazwa organizacji są publikowane na platformie i w raporcie z konsultacji. Imiona i nazwiska mieszkańców zgłaszających uwagi we własnym imieniu nie są publikowane. Dane mogą otrzymać podmioty obsługujące system informatyczny na podstawie umów powierzenia oraz organy uprawnione na podstawie przepisów prawa.

## Okres przechowywania
- Uwagi, odpowiedzi i raporty stanowią dokumentację konsultacji i są przechowywane jako jej część, zgodnie z przepisami o narodowym zasobie archiwalnym i archiwach oraz jednolitym rzeczowym wykazem akt.
- Dane konta są przechowywane do czasu jego usunięcia; dane z dziennika zdarzeń – tak długo, jak dokumentacja, której dotyczą.

## Prawa osób, których dane dotyczą
- prawo dostępu do danych i otrzymania ich kopii,
- prawo do sprostowania danych,
- prawo do ograniczenia przetwarzania,
- prawo do wniesienia sprzeciwu wobec przetwarzania opartego na art. 6 ust. 1 lit. e RODO,
- prawo do usunięcia danych w przypadkach przewidzianych w art. 17 RODO (z wyłączeniem dokumentacji konsultacji, którą administrator ma obowiązek przechowywać),
- prawo do wniesienia skargi do Prezesa Urzędu Ochrony Danych Osobowych, ul. Stawki 2, 00-193 Warszawa.

## Informacje dodatkowe
Podanie danych jest dobrowolne, ale niezbędne do założenia konta i zgłoszenia uwagi. Dane nie są wykorzystywane do zautomatyzowanego podejmowania decyzji ani profilowania i nie są przekazywane do państw trzecich.
"""

ACCESSIBILITY_TITLE = "Deklaracja dostępności"
ACCESSIBILITY_BODY = """\
Urząd Miasta Sopotu zobowiązuje się zapewnić dostępność swojej strony internetowej zgodnie z ustawą z dnia 4 kwietnia 2019 r. o dostępności cyfrowej stron internetowych i aplikacji mobilnych podmiotów publicznych. Deklaracja dostępności dotyczy platformy konsultacji społecznych projektów aktów prawnych [adres strony].

## Daty publikacji i aktualizacji
- Data publikacji strony internetowej: [data publikacji].
- Data ostatniej istotnej aktualizacji: [data aktualizacji].

## Stan dostępności cyfrowej
Strona internetowa jest częściowo zgodna z ustawą z dnia 4 kwietnia 2019 r. o dostępności cyfrowej stron internetowych i aplikacji mobilnych podmiotów publicznych z powodu niezgodności lub wyłączeń wymienionych poniżej.
- Załączniki dodawane przez użytkowników (np. pliki PDF do uwag) mogą nie być dostępne cyfrowo.
- Teksty projektów aktów prawnych wczytane z plików mogą zawierać błędy formatowania pochodzące z dokumentu źródłowego.

## Przygotowanie deklaracji dostępności
- Deklarację sporządzono dnia: [data sporządzenia].
- Deklarację sporządzono na podstawie samooceny przeprowadzonej przez podmiot publiczny, w tym testów automatycznych (axe-core) i ręcznych.
- Deklarację ostatnio poddano przeglądowi i aktualizacji dnia: [data przeglądu].

## Skróty klawiaturowe
Na stronie można korzystać ze standardowych skrótów klawiaturowych przeglądarki. Pierwszy element strony to odnośnik „Przejdź do treści”.

## Informacje zwrotne i dane kontaktowe
W przypadku problemów z dostępnością strony internetowej prosimy o kontakt. Osobą kontaktową jest [imię i nazwisko], adres e-mail: [adres e-mail], telefon: [numer telefonu]. Tą samą drogą można składać wnioski o udostępnienie informacji niedostępnej oraz składać żądania zapewnienia dostępności.

Każdy ma prawo:
- zgłosić uwagi dotyczące dostępności cyfrowej strony lub jej elementu,
- zgłosić żądanie zapewnienia dostępności cyfrowej strony lub jej elementu,
- wnioskować o udostępnienie niedostępnej informacji w innej, alternatywnej formie.

Żądanie musi zawierać dane kontaktowe osoby zgłaszającej, wskazanie strony lub elementu strony, której dotyczy żądanie, oraz wskazanie dogodnej formy udostępnienia informacji, jeśli żądanie dotyczy udostępnienia w formie alternatywnej informacji niedostępnej.

Rozpatrzenie zgłoszenia powinno nastąpić niezwłocznie, najpóźniej w ciągu 7 dni od jego złożenia. Jeżeli dotrzymanie tego terminu nie jest możliwe, podmiot publiczny niezwłocznie informuje o tym wnoszącego żądanie, o terminie, w jakim zapewni dostępność, przy czym termin ten nie może być dłuższy niż 2 miesiące od dnia wystąpienia z żądaniem. Jeżeli zapewnienie dostępności cyfrowej nie jest możliwe, podmiot publiczny może zaproponować alternatywny sposób dostępu do informacji.

## Procedura odwoławcza
W przypadku, gdy podmiot publiczny odmówi realizacji żądania zapewnienia dostępności lub alternatywnego sposobu dostępu do informacji, wnoszący żądanie może złożyć skargę w sprawie zapewnienia dostępności cyfrowej strony internetowej lub elementu strony internetowej.

Po wyczerpaniu wskazanej wyżej procedury można także złożyć wniosek do Rzecznika Praw Obywatelskich: https://bip.brpo.gov.pl/

## Dostępność architektoniczna
Urząd Miasta Sopotu mieści się przy ul. Tadeusza Kościuszki 25/27, 81-704 Sopot. [Opis dostępności wejścia do budynku i przechodzenia przez obszary kontroli, korytarzy, schodów i wind, dostępności pętli indukcyjnych, miejsc parkingowych dla osób niepełnosprawnych, możliwości wejścia z psem asystującym oraz tłumacza języka migowego.]

## Aplikacje mobilne
Platforma nie ma aplikacji mobilnej.
"""

PAGES = {
    "privacy": (PRIVACY_TITLE, PRIVACY_BODY),
    "accessibility": (ACCESSIBILITY_TITLE, ACCESSIBILITY_BODY),
}


def seed(apps, schema_editor):
    LegalPage = apps.get_model("core", "LegalPage")
    for kind, (title, body) in PAGES.items():
        LegalPage.objects.get_or_create(kind=kind, defaults={"title": title, "body": body.strip()})


class Migration(migrations.Migration):
    dependencies = [("core", "0006_legal_page")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
