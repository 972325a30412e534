from tests.factories.petitions import create_petition, create_signature


def test_petition_json_has_counts_by_region_and_country_and_cache_headers(visitor):
    petition = create_petition(action="Fund supervision")
    create_signature(petition=petition, postcode="CF10 1AA")
    create_signature(petition=petition, postcode="", country="NZ")
    response = visitor.get("petitions_api.detail", petition_id=petition.id)
    data = response.get_json()
    assert data["action"] == "Fund supervision" and data["signature_count"] == 2
    regions = {r["name"]: r["signature_count"] for r in data["signatures_by_region"]}
    assert regions["Wales"] == 1 and regions["London"] == 0
    assert data["signatures_by_country"] == [
        {"code": "NZ", "name": "New Zealand", "signature_count": 1}]
    assert "max-age=" in response.headers["Cache-Control"]
    assert response.headers["ETag"]


def test_an_unchanged_response_is_not_sent_again(visitor):
    petition = create_petition()
    first = visitor.get("petitions_api.detail", petition_id=petition.id)
    again = visitor.client.get(f"/api/v1/petitions/{petition.id}",
                               headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


def test_the_list_shows_open_and_closed_petitions_with_counts(visitor):
    petition = create_petition()
    create_signature(petition=petition)
    create_petition(state="pending", opens_at=None)
    response = visitor.get("petitions_api.index")
    listed = response.get_json()["petitions"]
    assert [(p["id"], p["signature_count"]) for p in listed] == [(petition.id, 1)]
    assert "max-age=" in response.headers["Cache-Control"]


def test_an_unknown_petition_is_a_json_404(visitor):
    response = visitor.get("petitions_api.detail", petition_id=9999, _expected=404)
    assert response.get_json()["status"] == 404
