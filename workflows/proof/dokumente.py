"""The Rückforderungsbescheid: the Kreis's notice that asks a recipient to repay what its proof of use
shows unspent, with due date, Kassenzeichen, the Kreiskasse account and the Rechtsbehelfsbelehrung
(wording in ``templates/briefe/rueckforderungsbescheid.html``, layout in ``portal.core.briefe``). It is
rendered from the recorded Rückforderung whenever it is downloaded, dated the day the claim was made."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from portal.core import briefe


def _dativ(n) -> str:
    if n.verbund_id:
        return _("Dem Verbund „%(verbund)s“ (federführend: Gemeinde %(gemeinde)s)") % {
            "verbund": n.verbund,
            "gemeinde": n.gemeinde.name,
        }
    return _("Der Gemeinde %(gemeinde)s") % {"gemeinde": n.gemeinde.name}


def kassenzeichen(r) -> str:
    n = r.nachweis
    return briefe.aktenzeichen(n.foerderjahr.kreis, n.foerderjahr.jahr, n.gemeinde) + "/R"


def rueckforderungsbescheid(r) -> bytes:
    n = r.nachweis
    fj = n.foerderjahr
    with override("de"):
        kopf = briefe.briefkopf(fj.kreis, mit_bank=True)
        return briefe.pdf(
            "briefe/rueckforderungsbescheid.html",
            {
                "r": r,
                "n": n,
                "fj": fj,
                "kopf": kopf,
                "ergebnis": n.ergebnis(),
                "anschrift": briefe.anschrift_gemeinde(n.gemeinde),
                "az": briefe.aktenzeichen(fj.kreis, fj.jahr, n.gemeinde),
                "kassenzeichen": kassenzeichen(r),
                "datum": timezone.localdate(r.erstellt_am) if r.erstellt_am else briefe.heute(),
                "bearbeitet": (n.geprueft_von.get_full_name() or n.geprueft_von.get_username())
                if n.geprueft_von
                else "",
                "unterzeichnet": (n.geprueft_von.get_full_name() or n.geprueft_von.get_username())
                if n.geprueft_von
                else "",
                "empfaenger_dativ": _dativ(n),
                "rechtsbehelfsbelehrung": briefe.rechtsbehelfsbelehrung(fj.kreis),
            },
            titel=_("Rückforderungsbescheid %(jahr)s, %(empfaenger)s")
            % {"jahr": fj.jahr, "empfaenger": n.empfaenger},
            autor=kopf["stelle"],
        )


def dateiname(r) -> str:
    n = r.nachweis
    return briefe.dateiname("Rückforderungsbescheid", n.foerderjahr.jahr, n.empfaenger, endung="pdf")
