"""What a petition page shows, gathered once for the page and the staff detail view."""

from datetime import date
from urllib.parse import quote

from sqlalchemy.orm import Session

from models.petitions import Petition
from rules.petitions.chart import cumulative_chart
from rules.petitions.lifecycle import PetitionState
from rules.petitions.thresholds import progress
from services.links import external_url
from services.petitions import areas, counting


def share_links(petition: Petition) -> list[tuple[str, str]]:
    """(label, URL) of plain share links; no script or asset from another site is loaded."""
    url = external_url("petitions.show", petition_id=petition.id)
    text = quote(f"Sign the petition: {petition.action}")
    link = quote(url, safe="")
    return [
        ("Email", f"mailto:?subject={text}&body={link}"),
        ("X (Twitter)", f"https://twitter.com/intent/tweet?text={text}&url={link}"),
        ("Facebook", f"https://www.facebook.com/sharer/sharer.php?u={link}"),
        ("WhatsApp", f"https://wa.me/?text={text}%20{link}"),
        ("Bluesky", f"https://bsky.app/intent/compose?text={text}%20{link}"),
    ]


def next_steps(petition: Petition, count: int) -> str | None:
    """One sentence on what happens now the count has passed a threshold, if it has."""
    if petition.responded_at:
        return None
    if count >= petition.debate_threshold:
        return ("This petition has passed the number of signatures for a debate at the annual "
                "general meeting: the council will respond and it will be put on the agenda of "
                "the next AGM.")
    if count >= petition.response_threshold:
        return ("This petition has passed the number of signatures for a formal response: the "
                "council will publish its response here, and email signers who asked for "
                "updates.")
    return None


def petition_view(session: Session, petition: Petition) -> dict:
    counts = counting.cached_counts(session, petition.id)
    count = counts["total"]
    day_pairs = [(date.fromisoformat(day), n) for day, n in counts["days"]]
    return {
        "petition": petition,
        "state": petition.state,
        "States": PetitionState,
        "count": count,
        "progress": progress(count, petition.thresholds),
        "next_steps": next_steps(petition, count),
        "regions": areas.by_region(counts["areas"]),
        "nations": areas.by_nation(counts["areas"]),
        "countries": areas.by_country(counts["areas"]),
        "chart": cumulative_chart(day_pairs),
        "share_links": share_links(petition),
        "petition_url": external_url("petitions.show", petition_id=petition.id),
    }
