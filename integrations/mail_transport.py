"""Mail transports: SMTP from SMTP_URL, or the log in development."""

import logging
import smtplib
import ssl
from email.message import EmailMessage
from urllib.parse import unquote, urlsplit

log = logging.getLogger("mail")


class TemporaryMailError(Exception):
    """The server could not take the message now; try again later."""


class PermanentMailError(Exception):
    """The message can never be delivered as it is (e.g. the address is refused)."""


class LogTransport:
    """Writes each message to the log instead of sending it (development)."""

    def send(self, message: EmailMessage) -> None:
        text = message.get_body(("plain",))
        log.info(
            "mail to %s: %s\n%s",
            message["To"],
            message["Subject"],
            text.get_content() if text is not None else "",
        )


class SmtpTransport:
    """Sends over SMTP. URL forms: smtp://host:25, smtp+starttls://user:pass@host:587,
    smtps://user:pass@host:465."""

    def __init__(self, url: str, timeout: float = 20.0):
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps", "smtp+starttls"):
            raise ValueError(f"SMTP_URL must start with smtp://, smtps:// or smtp+starttls://: {url!r}")
        self.scheme = parts.scheme
        self.host = parts.hostname or "localhost"
        self.port = parts.port or {"smtp": 25, "smtps": 465, "smtp+starttls": 587}[parts.scheme]
        self.username = unquote(parts.username) if parts.username else None
        self.password = unquote(parts.password) if parts.password else None
        self.timeout = timeout

    def _connect(self) -> smtplib.SMTP:
        if self.scheme == "smtps":
            return smtplib.SMTP_SSL(
                self.host, self.port, timeout=self.timeout, context=ssl.create_default_context()
            )
        client = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        if self.scheme == "smtp+starttls":
            client.starttls(context=ssl.create_default_context())
        return client

    def send(self, message: EmailMessage) -> None:
        try:
            with self._connect() as client:
                if self.username:
                    client.login(self.username, self.password or "")
                client.send_message(message)
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _ in exc.recipients.values()]
            if all(500 <= code < 600 for code in codes):
                raise PermanentMailError(str(exc.recipients)) from exc
            raise TemporaryMailError(str(exc.recipients)) from exc
        except smtplib.SMTPResponseException as exc:
            if 500 <= exc.smtp_code < 600:
                raise PermanentMailError(f"{exc.smtp_code} {exc.smtp_error!r}") from exc
            raise TemporaryMailError(f"{exc.smtp_code} {exc.smtp_error!r}") from exc
        except (OSError, smtplib.SMTPException) as exc:
            raise TemporaryMailError(str(exc) or exc.__class__.__name__) from exc


def transport_from_config(config: dict):
    """Return the transport the configuration asks for."""
    if config.get("SMTP_URL"):
        return SmtpTransport(config["SMTP_URL"])
    return LogTransport()
