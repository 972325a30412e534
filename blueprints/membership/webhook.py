"""Stripe: the signed webhook endpoint, Checkout and the customer portal."""

from flask import abort, current_app, flash, jsonify, redirect, request, url_for
from flask_login import current_user, login_required

from blueprints.membership import bp
from extensions import db
from services.membership.joining import membership_of


@bp.post("/stripe/webhook")
def stripe_webhook():
    secret = current_app.config.get("STRIPE_WEBHOOK_SECRET")
    if not secret:
        return jsonify(error="Stripe webhooks are not configured"), 404
    from services.membership import stripe_events

    payload = request.get_data()
    try:
        outcome = stripe_events.receive(db.session, payload,
                                        request.headers.get("Stripe-Signature", ""), secret)
    except stripe_events.RefusedDelivery as error:
        db.session.rollback()
        return jsonify(error=str(error)), 400
    db.session.commit()
    return jsonify(result=outcome), 200


def start_checkout(membership):
    """Create the Checkout Session (and the Stripe customer) and send the member to Stripe.

    Only ever called from a POST: it creates things at Stripe. When the category has no
    Stripe price or Stripe cannot be reached, the member is told and sent to how to pay.
    """
    import stripe

    from integrations import stripe_gateway

    try:
        url = stripe_gateway.checkout_url(db.session, membership)
    except LookupError:
        db.session.rollback()
        flash("Card payment is not available for this category yet. Choose another way to "
              "pay below, or contact us.", "error")
        return redirect(url_for("membership.how_to_pay"))
    except stripe.StripeError:
        db.session.rollback()
        flash("We could not reach our card payment provider. Please try again in a few "
              "minutes.", "error")
        return redirect(url_for("membership.how_to_pay"))
    db.session.commit()
    return redirect(url, code=303)


@bp.get("/membership/checkout")
@login_required
def checkout_page():
    # Nothing happens on a GET: the "Pay by card" button on how to pay posts.
    return redirect(url_for("membership.how_to_pay"))


@bp.post("/membership/checkout")
@login_required
def checkout():
    membership = membership_of(db.session, current_user)
    if membership is None or not current_app.config.get("STRIPE_SECRET_KEY"):
        abort(404)
    return start_checkout(membership)


@bp.post("/membership/billing-portal")
@login_required
def billing_portal():
    membership = membership_of(db.session, current_user)
    if membership is None or not membership.stripe_customer_id or not current_app.config.get(
            "STRIPE_SECRET_KEY"):
        abort(404)
    from integrations import stripe_gateway

    return redirect(stripe_gateway.portal_url(membership), code=303)
