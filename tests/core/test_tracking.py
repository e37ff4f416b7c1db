from core.tracking import is_tracking_number, new_tracking_number, normalise_tracking_number


def test_a_tracking_number_has_the_prefix_the_year_and_two_groups_of_four():
    number = new_tracking_number(prefix="sop", year=2026)
    assert number.startswith("SOP-2026-")
    assert is_tracking_number(number)


def test_tracking_numbers_do_not_repeat_in_many_draws():
    numbers = {new_tracking_number(prefix="SOP", year=2026) for _ in range(5000)}
    assert len(numbers) == 5000


def test_tracking_numbers_avoid_letters_that_read_like_digits():
    sample = "".join(new_tracking_number(prefix="X", year=2026)[7:] for _ in range(500))
    assert not set(sample) & set("ILOU")


def test_what_people_type_is_normalised():
    assert normalise_tracking_number(" sop-2026-7f3k-9qxo ") == "SOP-2026-7F3K-9QX0"
    assert normalise_tracking_number("SOP-2026-1LI0-OOOO") == "SOP-2026-1110-0000"


def test_malformed_numbers_are_recognised():
    assert not is_tracking_number("SOP-26-7F3K-9QX2")
    assert not is_tracking_number("SOP-2026-7F3K-9QXU")
