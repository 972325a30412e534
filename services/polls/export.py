"""CSV export of a poll's aggregated results: figures per question and shown breakdown rows."""

import csv
import io

from rules.csv_safety import escape_row
from services.polls.breakdowns import QuestionBreakdown
from services.polls.results import PollResults

HEADER = ["question", "group_by", "group", "answer", "count", "percent", "base"]


def results_csv(results: PollResults, breakdowns: list[QuestionBreakdown]) -> str:
    """The results as CSV text; suppressed groups appear with empty figures."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for q in results.questions:
        for f in q.figures:
            writer.writerow(escape_row([q.question.text, "", "All", f.label, f.count,
                                        f.percent, q.base]))
    for item in breakdowns:
        labels = {o.id: o.label for o in item.question.options}
        for row in item.breakdown.groups:
            for option_id, label in labels.items():
                if row.shown:
                    figures = [row.counts[option_id], row.percentages[option_id], row.respondents]
                else:
                    figures = ["", "", ""]
                writer.writerow(escape_row([item.question.text, item.dimension_label, row.group,
                                            label, *figures]))
    writer.writerow(escape_row(["Ballots", "", "", "", results.ballots, results.turnout_percent
                                if results.turnout_percent is not None else "", results.eligible]))
    return out.getvalue()
