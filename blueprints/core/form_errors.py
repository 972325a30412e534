"""Showing a service's refusal on the form that caused it."""


def show_error(form, error: ValueError, *, aliases: dict[str, str] | None = None) -> None:
    """Put the error next to the field it names (`error.field`), or above the form.

    `aliases` maps a service's field name to the form's, where the two differ.
    """
    name = getattr(error, "field", None) or ""
    target = getattr(form, (aliases or {}).get(name, name), None) if name else None
    if target is not None and hasattr(target, "errors"):
        target.errors = [*target.errors, str(error)]
    else:
        form.form_errors.append(str(error))
