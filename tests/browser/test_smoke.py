from tests.browser.conftest import assert_accessible


def test_home_page_is_accessible(page):
    page.goto("/")
    assert page.locator("h1").inner_text()
    assert_accessible(page)
