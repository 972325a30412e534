"""The read-only results API: /api/v1/polls/<id>/results once the results are published."""

from flask import abort, jsonify

from blueprints.api.caching import cached_json
from blueprints.polls import api_bp
from extensions import db
from models.polls import Poll, PollStatus
from services.polls import running
from services.polls.results import poll_results, results_dict


@api_bp.get("/<int:poll_id>/results")
def results(poll_id: int):
    poll = db.session.get(Poll, poll_id)
    if poll is None or poll.status == PollStatus.DRAFT:
        abort(404)
    if not running.results_visible(poll):
        return jsonify(error="Results are not published yet", status=403), 403
    return cached_json(results_dict(poll_results(db.session, poll),
                                    include_texts=poll.publish_free_text))
