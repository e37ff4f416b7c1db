"""An amended resolution and a resolution amending it, in every form the instruction reader
knows (ZTP §§ 86-97), with the quoted wordings across lines as acts are typed."""

AMENDED = """Uchwała nr XXX/400/2021
Rady Miasta Sopotu
z dnia 25 marca 2021 r.
w sprawie nagrody kulturalnej

§ 1. Ustanawia się nagrodę kulturalną Miasta Sopotu.
§ 2. 1. Nagroda jest przyznawana za:
1) twórczość artystyczną;
2) upowszechnianie kultury;
3) ochronę dziedzictwa.
2. Wniosek składa się w terminie 30 dni od ogłoszenia naboru.
3. Wnioski rozpatruje komisja.
§ 3. Nagrodę przyznaje Prezydent Miasta.
§ 4. Nagroda ma formę pieniężną.
§ 8. Szczegóły określa regulamin.
§ 9. Uchyla się uchwałę nr X/100/2015.
§ 10. Uchwała wchodzi w życie z dniem podjęcia.
"""

AMENDING = """Uchwała nr XLI/500/2026
Rady Miasta Sopotu
z dnia 10 czerwca 2026 r.
w sprawie zmiany uchwały w sprawie nagrody kulturalnej

Na podstawie art. 18 ust. 2 pkt 15 ustawy z dnia 8 marca 1990 r. o samorządzie gminnym \
uchwala się, co następuje:

§ 1. W uchwale nr XXX/400/2021 Rady Miasta Sopotu z dnia 25 marca 2021 r. w sprawie \
nagrody kulturalnej wprowadza się następujące zmiany:
1) § 4 otrzymuje brzmienie:
„§ 4. 1. Nagroda ma formę pieniężną.
2. Nagroda ma charakter honorowy.”;
2) w § 2:
a) w ust. 1 w pkt 3 kropkę zastępuje się średnikiem i dodaje się pkt 4 w brzmieniu:
„4) edukację kulturalną.”,
b) w ust. 2 wyrazy „30 dni” zastępuje się wyrazami „14 dni”,
c) po ust. 3 dodaje się ust. 3a w brzmieniu:
„3a. Komisja działa jawnie.”;
3) po § 8 dodaje się § 8a w brzmieniu:
„§ 8a. Regulamin określa:
1) tryb;
2) terminy.”;
4) uchyla się § 9;
5) w § 3 w zdaniu pierwszym skreśla się przecinek;
6) § 12 otrzymuje brzmienie:
„§ 12. Nowy.”.
§ 2. Wykonanie uchwały powierza się Prezydentowi Miasta Sopotu.
§ 3. Uchwała wchodzi w życie z dniem podjęcia.
"""


def amended_text(extra_paragraphs: int = 0) -> str:
    """The amended act with more paragraphs at its end (§ 100 on), for query counts."""
    extra = "".join(
        f"§ {number}. Przepis dodatkowy numer {number}.\n"
        for number in range(100, 100 + extra_paragraphs)
    )
    return AMENDED + extra
