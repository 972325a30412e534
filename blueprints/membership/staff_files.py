"""Staff: CSV export and import of members, and the membership dashboard."""

from flask import Response, render_template, request, stream_with_context
from flask_login import current_user

from blueprints.core.guards import staff_required
from blueprints.membership import bp
from blueprints.membership.forms import ImportForm
from blueprints.membership.staff import filters_from, search_form
from extensions import client_ip, db
from services import audit
from services.membership import csv_io, dashboard


@bp.get("/staff/members/export.csv")
@staff_required
def export_members():
    form = search_form()
    filters = filters_from(form) if form.validate() else None
    audit.record(db.session, actor=current_user, action="membership.exported",
                 ip_address=client_ip(), filters={k: v for k, v in request.args.items() if v})
    db.session.commit()
    return Response(stream_with_context(csv_io.export_rows(db.session, filters)),
                    mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=members.csv"})


@bp.route("/staff/members/import", methods=["GET", "POST"])
@staff_required
def import_members():
    form = ImportForm()
    report = None
    if form.validate_on_submit():
        raw = form.file.data.read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            form.file.errors = [*form.file.errors, "Save the file as CSV in UTF-8 and try again."]
        else:
            report = csv_io.import_members(db.session, text, actor=current_user,
                                           ip_address=client_ip())
            if report.problems:
                db.session.rollback()
            else:
                db.session.commit()
    status = 400 if report is not None and report.problems else 200
    return render_template("membership/staff/import.html", form=form, report=report,
                           columns=csv_io.IMPORT_COLUMNS), status


@bp.get("/staff/members/dashboard", endpoint="dashboard")
@staff_required
def dashboard_page():
    figures = dashboard.figures(db.session)
    return render_template(
        "membership/staff/dashboard.html", figures=figures,
        status_bars=dashboard.bar_chart(figures.by_status),
        category_bars=dashboard.bar_chart(figures.by_category),
        nation_bars=dashboard.bar_chart(figures.by_nation),
        joins=dashboard.column_chart(figures.months, figures.joins),
        lapses=dashboard.column_chart(figures.months, figures.lapses))
