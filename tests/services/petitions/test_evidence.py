from services.statements.evidence import render_statement_body
from tests.factories.petitions import create_petition, create_signature


def test_a_statement_shows_a_petitions_live_count_by_nation(db_session):
    petition = create_petition(action="Fund supervision for every social worker")
    for postcode in ("SW1A 1AA", "EH1 1YZ", "CF10 1AA"):
        create_signature(petition=petition, postcode=postcode)
    create_signature(petition=petition, postcode="M1 1AE", confirmed=False)
    body = f"We back it.\n\n[[petition:{petition.id}]]\n"
    shown = render_statement_body(db_session, body)
    assert "3 people have signed this petition." in shown
    assert "Scotland" in shown and "Wales" in shown
    assert "Base: 3 confirmed signatures" in shown


def test_a_petition_that_is_not_public_is_not_evidence(db_session):
    for state in ("draft", "pending"):
        petition = create_petition(state=state)
        shown = render_statement_body(db_session, f"[[petition:{petition.id}]]")
        assert "Evidence unavailable" in shown
    assert "Evidence unavailable" in render_statement_body(db_session, "[[petition:999999]]")


def test_a_statement_links_its_related_petition_only_while_it_is_public(db_session):
    from services.statements.evidence import related_links

    public, draft = create_petition(action="Fund supervision"), create_petition(state="draft")
    links = related_links(db_session, petition_id=public.id, poll_id=None)
    assert links == [("Petition: Fund supervision", f"http://localhost/petitions/{public.id}")]
    assert related_links(db_session, petition_id=draft.id, poll_id=None) == []
