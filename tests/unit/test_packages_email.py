"""E-mail drafts (.eml read back with the stdlib parser), splitting, header injection, SMTP to aiosmtpd."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import socket
import ssl
from datetime import date

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from openlic_desktop.documents.email import Attachment, SmtpServer, build_messages, encoded_size, send
from openlic_desktop.support.errors import InputError, OpenLicError

DAY = date(2026, 11, 26)
MB = 1024 * 1024


def mails(attachments, limit_mb=20, **kw):
    args = {"sender": "tto@test.edu.cn", "sender_name": "测试大学技术转移中心", "recipient": "kfxk@zjamr.example.cn",
                "subject": "浙江省专利开放许可信息报送_测试大学_2026-11-26（3件）", "body": "您好：\n随函报送3件专利。",
                "attachments": attachments, "limit_mb": limit_mb, "day": DAY}
    args.update(kw)
    return build_messages(**args)


def parse(msg):
    return email.message_from_bytes(msg.as_bytes(), policy=email.policy.default)


def test_single_mail_round_trip():
    (msg,) = mails([Attachment("浙江省专利开放许可申报_测试大学_2026-11-26.zip", b"PK\x03\x04" + b"x" * 1000)])
    back = parse(msg)
    assert back["To"] == "kfxk@zjamr.example.cn"
    assert back["From"].addresses[0].display_name == "测试大学技术转移中心"
    assert back["Subject"] == "浙江省专利开放许可信息报送_测试大学_2026-11-26（3件）"
    assert back["X-Unsent"] == "1"
    body = back.get_body(("plain",)).get_content()
    assert "随函报送3件专利" in body and "本邮件附件" in body
    (att,) = list(back.iter_attachments())
    assert att.get_filename() == "浙江省专利开放许可申报_测试大学_2026-11-26.zip"
    assert att.get_content() == b"PK\x03\x04" + b"x" * 1000
    assert msg.as_bytes() == mails([Attachment("浙江省专利开放许可申报_测试大学_2026-11-26.zip",
                                               b"PK\x03\x04" + b"x" * 1000)])[0].as_bytes()


def test_split_into_numbered_mails_under_the_limit():
    parts = [Attachment(f"分卷{i}.zip", bytes([i]) * (600 * 1024)) for i in range(5)]
    msgs = mails(parts, limit_mb=2)  # 2 MB per mail: two 600 KB files (800 KB encoded) per mail
    assert len(msgs) == 3
    subjects = [parse(m)["Subject"] for m in msgs]
    assert [s[-5:] for s in subjects] == ["（1/3）", "（2/3）", "（3/3）"]
    got = []
    for m in msgs:
        assert len(m.as_bytes()) <= 2 * MB
        back = parse(m)
        assert "共3封" in back.get_body(("plain",)).get_content()
        got += [(a.get_filename(), a.get_content()) for a in back.iter_attachments()]
    assert got == [(p.name, p.data) for p in parts]


def test_attachment_bigger_than_limit_refused():
    with pytest.raises(OpenLicError) as err:
        mails([Attachment("big.zip", b"x" * (MB + 1))], limit_mb=1)
    assert err.value.code == "ATTACHMENT_TOO_LARGE"
    assert encoded_size(3) == 4 + 2


@pytest.mark.parametrize("field, value", [
    ("recipient", "a@b.cn\r\nBcc: victim@x.cn"), ("recipient", "a@b.cn, c@d.cn"), ("recipient", "nobody"),
    ("sender", "tto@test.edu.cn\nX-Evil: 1"), ("subject", "报送\r\nBcc: victim@x.cn"),
    ("sender_name", "中心\nBcc: v@x.cn"),
])
def test_header_injection_refused(field, value):
    with pytest.raises(InputError) as err:
        mails([Attachment("a.zip", b"x")], **{field: value})
    assert err.value.code == "EMAIL_HEADER_INVALID"


# ---------------------------------------------------------------------------------------------- SMTP
class Sink:
    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content, session.authenticated))
        return "250 OK"


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = auth_data.login == b"tto" and auth_data.password == b"s3cret"
    return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd answers 535 itself


def self_signed(tmp_path):
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"),
                                                        x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
            .sign(key, hashes.SHA256()))
    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_ctx.load_cert_chain(cert_file, key_file)
    return str(cert_file), server_ctx


@pytest.fixture
def controller_factory():
    started = []

    def start(**kw):
        sink = Sink()
        with socket.socket() as probe:  # aiosmtpd 1.4 does not report the port it got for port 0
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        controller = Controller(sink, hostname="127.0.0.1", port=port, authenticator=authenticator, **kw)
        controller.start()
        started.append(controller)
        return controller, sink

    yield start
    for c in started:
        c.stop()


def sample_messages():
    return mails([Attachment(f"分卷{i}.zip", bytes([i]) * 700_000) for i in range(3)], limit_mb=2)


def test_smtp_plain_loopback(controller_factory):
    controller, sink = controller_factory(auth_require_tls=False)
    msgs = sample_messages()
    ids = send(msgs, SmtpServer("127.0.0.1", controller.port, "none"), None)
    assert len(ids) == len(msgs) == len(sink.envelopes) == 2
    got = email.message_from_bytes(sink.envelopes[1][2], policy=email.policy.default)
    assert got["Subject"].endswith("（2/2）")
    assert sink.envelopes[0][1] == ["kfxk@zjamr.example.cn"]


def test_smtp_starttls_with_login(controller_factory, tmp_path):
    ca, server_ctx = self_signed(tmp_path)
    controller, sink = controller_factory(tls_context=server_ctx, require_starttls=True)
    msgs = sample_messages()
    send(msgs, SmtpServer("127.0.0.1", controller.port, "starttls", "tto", ca_file=ca), "s3cret")
    assert len(sink.envelopes) == 2 and all(e[3] for e in sink.envelopes)
    with pytest.raises(OpenLicError) as err:
        send(msgs, SmtpServer("127.0.0.1", controller.port, "starttls", "tto", ca_file=ca, timeout=10), "wrong")
    assert err.value.code == "SMTP_FAILED" and "wrong" not in str(err.value)
    # an untrusted certificate is refused (no silent downgrade)
    with pytest.raises(OpenLicError):
        send(msgs, SmtpServer("127.0.0.1", controller.port, "starttls", "tto"), "s3cret")


def test_smtp_implicit_tls(controller_factory, tmp_path):
    ca, server_ctx = self_signed(tmp_path)
    controller, sink = controller_factory(ssl_context=server_ctx, auth_require_tls=False)  # aiosmtpd 1.4 counts only STARTTLS as TLS for AUTH
    send(sample_messages()[:1], SmtpServer("127.0.0.1", controller.port, "ssl", "tto", ca_file=ca), "s3cret")
    assert len(sink.envelopes) == 1


def test_plain_smtp_refused_off_loopback():
    with pytest.raises(InputError):
        send([], SmtpServer("smtp.example.cn", 25, "none"), None)


# ---------------------------------------------------------------------------------------------- drafts → SMTP
class MemoryKeyring:
    """A real keyring backend kept in memory (the OS keyring is not available on a CI machine)."""

    @staticmethod
    def make():
        import keyring.backend

        class _Backend(keyring.backend.KeyringBackend):
            priority = 1

            def __init__(self):
                super().__init__()
                self.store = {}

            def get_password(self, service, username):
                return self.store.get((service, username))

            def set_password(self, service, username, password):
                self.store[(service, username)] = password

            def delete_password(self, service, username):
                self.store.pop((service, username), None)

        return _Backend()


def test_drafts_sent_with_password_from_keyring(controller_factory, tmp_path, monkeypatch):
    import keyring

    from openlic_desktop.services import mailer
    from openlic_desktop.support import settings

    backend = MemoryKeyring.make()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        controller, sink = controller_factory(auth_require_tls=False)
        drafts = []
        for i, msg in enumerate(sample_messages()):
            path = tmp_path / f"d{i}.eml"
            path.write_bytes(msg.as_bytes())
            drafts.append(path)
        mailer.configure("127.0.0.1", controller.port, "none", "tto")
        with pytest.raises(InputError) as err:
            mailer.send_drafts(drafts)
        assert err.value.code == "SMTP_PASSWORD_MISSING"
        mailer.configure("127.0.0.1", controller.port, "none", "tto", password="s3cret")
        assert "s3cret" not in settings.settings_path().read_text(encoding="utf-8")
        assert backend.store[(mailer.KEYRING_SERVICE, "tto@127.0.0.1")] == "s3cret"
        ids = mailer.send_drafts(drafts)
        assert len(ids) == 2 and len(sink.envelopes) == 2 and all(e[3] for e in sink.envelopes)
        got = email.message_from_bytes(sink.envelopes[0][2], policy=email.policy.default)
        assert got["X-Unsent"] is None and got["Subject"].endswith("（1/2）")
    finally:
        keyring.set_keyring(previous)
