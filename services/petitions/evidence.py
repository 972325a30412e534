"""A petition's live count as an evidence block in position statements."""

from sqlalchemy.orm import Session

from models.base import utcnow
from models.petitions import Petition
from rules.petitions.lifecycle import PetitionState
from rules.petitions.thresholds import progress
from services.links import external_url
from services.petitions import areas, counting
from services.statements.evidence import Evidence, EvidenceFigure

# Drafts, proposals awaiting moderation, rejected and hidden petitions are not evidence.
PUBLIC_STATES = {PetitionState.OPEN, PetitionState.CLOSED}


def petition_evidence(session: Session, petition_id: int) -> Evidence | None:
    """The current count of a public petition, by nation, or None if it is not public."""
    petition = session.get(Petition, petition_id)
    if petition is None or petition.state not in PUBLIC_STATES:
        return None
    counts = counting.cached_counts(session, petition.id)
    total = counts["total"]
    step = progress(total, petition.thresholds)
    verb = "have signed" if petition.state == PetitionState.OPEN else "signed"
    headline = f"{total:,} {'person' if total == 1 else 'people'} {verb} this petition."
    if step.next_threshold is not None and petition.state == PetitionState.OPEN:
        upcoming = step.next_threshold
        headline += f" {upcoming.signatures:,} signatures earn {upcoming.earns}."
    figures = [EvidenceFigure(nation.name, f"{nation.count:,}")
               for nation in areas.by_nation(counts["areas"]) if nation.count]
    outside = sum(country.count for country in areas.by_country(counts["areas"]))
    if outside:
        figures.append(EvidenceFigure("Outside the UK", f"{outside:,}"))
    return Evidence(title=f"Petition: {petition.action}", headline=headline, figures=figures,
                    base_n=total, as_of=utcnow(), url=external_url("petitions.show",
                                                                    petition_id=petition.id),
                    base_label="confirmed signatures")
