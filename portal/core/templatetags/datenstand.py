"""``{% zwischenspeicher "name" teil … [landesweit] %}…{% endzwischenspeicher %}``: a fragment cached
under the Datenstand, the user, the user's scope, the language and the date (``portal.core.datenstand``).
``landesweit`` (the literal word, last) for a fragment that shows data beyond the user's Kreise.

Only for fragments without forms (a CSRF token must never be cached); the data the fragment shows
should be lazy (``datenstand.spaeter``) so that a cached fragment does not query it."""

from django import template

from portal.core import datenstand

register = template.Library()


class ZwischenspeicherNode(template.Node):
    def __init__(self, nodelist, name, teile, landesweit):
        self.nodelist, self.name, self.teile, self.landesweit = nodelist, name, teile, landesweit

    def render(self, context):
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):  # Wagtail's preview shows drafts
            return self.nodelist.render(context)
        name = self.name.resolve(context)
        teile = [teil.resolve(context) for teil in self.teile]
        return datenstand.zwischengespeichert(
            request, name, teile, lambda: self.nodelist.render(context), landesweit=self.landesweit
        )


@register.tag
def zwischenspeicher(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError('{% zwischenspeicher "name" [teil …] %} needs a name.')
    landesweit = bits[-1] == "landesweit"
    if landesweit:
        bits = bits[:-1]
    nodelist = parser.parse(("endzwischenspeicher",))
    parser.delete_first_token()
    teile = [parser.compile_filter(b) for b in bits[2:]]
    return ZwischenspeicherNode(nodelist, parser.compile_filter(bits[1]), teile, landesweit)
