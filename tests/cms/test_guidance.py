"""The guidance site: page tree, blocks, versions, search, privacy, templates, moderation."""

import datetime
import io

import docx
import pytest
from django.urls import reverse
from wagtail.models import Page, PageLogEntry, PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from portal.cms.models import FristenPage, GuidanceIndexPage, GuidancePage, HomePage, TemplateLibraryPage
from tests.conftest import anmelden

pytestmark = pytest.mark.django_db


def guidance(slug):
    return GuidancePage.objects.get(slug=slug)


# --- tree ---------------------------------------------------------------------------------------------
def test_page_tree_rules(demo):
    home = HomePage.objects.get()
    index = GuidanceIndexPage.objects.get()
    root = Page.get_first_root_node()
    assert HomePage.can_create_at(root) is False  # max_count 1, exists already
    assert GuidancePage.can_create_at(index)
    assert not GuidancePage.can_create_at(home)
    assert not GuidanceIndexPage.can_create_at(index)
    assert not TemplateLibraryPage.can_create_at(home)  # only one library
    assert not FristenPage.can_create_at(index)
    assert GuidancePage.allowed_subpage_models() == []


def test_required_content_is_there(demo):
    titles = set(GuidancePage.objects.live().values_list("title", flat=True))
    for title in (
        "Überblick",
        "Zielgruppe und Mittelverteilung",
        "Entscheidung bis 31. Mai",
        "Kennzahlen",
        "Koordinierende Stelle",
        "Weiterleitung der Mittel",
        "Verwendungsnachweis",
        "Häufige Fragen",
    ):
        assert title in titles
    assert any(t.startswith("Stellen, Qualifikation") for t in titles)


# --- rendering ----------------------------------------------------------------------------------------
def test_guidance_page_shows_version_and_blocks(demo, client):
    page = guidance("entscheidung-bis-31-mai")
    html = client.get(page.url).content.decode()
    assert "VwV Integrationsmanagement 2023" in html and "gültig ab 01.01.2025" in html
    assert "<table>" in html and "<caption>" in html and 'scope="col"' in html  # comparison block
    assert "Vorteile" in html and "Nachteile" in html
    assert 'class="deadline"' in html
    assert ".docx" in html or "DOCX" in html  # document block


def test_deadline_block_uses_the_readers_kreis(demo, client, login, user):
    from portal.funding.models import Foerderjahr
    from portal.funding.services import foerderjahr_aendern

    # Heilbronn's published 2028 gets a special decision date; then read as Nordheim.
    fj2028 = Foerderjahr.objects.get(kreis=demo["hn"], jahr=2028)
    coordinator = user("hn-koordination")
    foerderjahr_aendern(
        fj2028, {"frist_entscheidung": datetime.date(2027, 6, 30)}, coordinator, begruendung="Kreistag"
    )
    page = guidance("entscheidung-bis-31-mai")
    import time_machine

    with time_machine.travel(datetime.datetime(2026, 11, 22, 12, tzinfo=datetime.UTC)):
        anonymous = client.get(page.url).content.decode()
        assert 'datetime="2027-05-31"' in anonymous and "Vorgabe des Förderprogramms" in anonymous
        assert ">31. Mai 2027</time>" in anonymous
        # English as English writes it (not "31. May 2027")
        englisch = client.get(page.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert ">31 May 2027</time>" in englisch
        login("nordheim")
        own = client.get(page.url).content.decode()
        assert 'datetime="2027-06-30"' in own and "Landkreis Heilbronn" in own


def test_faq_is_an_accessible_accordion(demo, client):
    html = client.get(guidance("haeufige-fragen").url).content.decode()
    assert html.count("<details") >= 8 and "<summary>" in html


def test_superseded_version_stays_readable_and_is_marked(demo, client):
    old = guidance("kennzahlen")
    index = GuidanceIndexPage.objects.get()
    new = GuidancePage(
        title="Kennzahlen (ab 2027)",
        slug="kennzahlen-2027",
        regelwerk="VwV Integrationsmanagement 2027",
        gueltig_ab=datetime.date(2027, 1, 1),
        body=old.body.raw_data,
    )
    index.add_child(instance=new)
    new.save_revision().publish()
    old.ersetzt_durch = new
    old.save_revision().publish()
    html = client.get(old.url).content.decode()
    assert "Überholte Fassung" in html and new.url in html
    index_html = client.get(index.url).content.decode()
    assert "Frühere Fassungen" in index_html
    current, _, superseded = index_html.partition("Frühere Fassungen")
    assert "Kennzahlen (ab 2027)" in current and old.url in superseded


# --- privacy ------------------------------------------------------------------------------------------
def test_internal_pages_need_a_login(demo, client, login):
    internal = GuidancePage.objects.get(slug="arbeitshilfe-pruefung-entscheidungen")
    assert PageViewRestriction.objects.filter(page=internal, restriction_type="login").exists()
    response = client.get(internal.url)
    assert response.status_code == 302 and "/anmelden/" in response["Location"]
    index_html = client.get(GuidanceIndexPage.objects.get().url).content.decode()
    assert internal.title not in index_html
    login("hn-koordination")
    assert client.get(internal.url).status_code == 200


# --- search -------------------------------------------------------------------------------------------
def search(client, query):
    response = client.get(reverse("search"), {"query": query})
    assert response.status_code == 200
    return response


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("Verwendungsnachweis", "verwendungsnachweis"),
        ("31. Mai", "entscheidung-bis-31-mai"),
        ("Verbund", "entscheidung-bis-31-mai"),
    ],
)
def test_search_finds_the_right_pages(demo, client, query, slug):
    results = [r["page"].slug for r in search(client, query).context["results"]]
    assert slug in results[:3], results


@pytest.mark.parametrize("query", ["Kennzahlen", "Verwendungsnachweis", "Fristen"])
def test_a_page_named_by_the_query_ranks_first_and_every_hit_has_a_snippet(demo, client, query):
    """#19: a title match above pages that only mention the word; a snippet with the word for every hit."""
    results = search(client, query).context["results"]
    assert len(results) > 1
    assert query.lower() in results[0]["page"].title.lower(), [r["page"].title for r in results]
    titel_treffer = [query.lower() in r["page"].title.lower() for r in results]
    assert titel_treffer == sorted(titel_treffer, reverse=True)  # no title match below a mention
    for r in results:
        assert str(r["snippet"]).strip(), r["page"].title


def test_search_marks_the_query_and_lists_templates(demo, client):
    response = search(client, "Sachbericht")
    html = response.content.decode()
    assert "<mark>" in html
    assert any(v.kategorie == "nachweis" for v in response.context["vorlagen"])


def test_search_hides_internal_pages_from_anonymous(demo, client, login):
    query = "Arbeitshilfe"
    assert "arbeitshilfe-pruefung-entscheidungen" not in [
        r["page"].slug for r in search(client, query).context["results"]
    ]
    login("nordheim")
    assert "arbeitshilfe-pruefung-entscheidungen" in [
        r["page"].slug for r in search(client, query).context["results"]
    ]


def test_empty_search_shows_the_form(demo, client):
    html = search(client, "").content.decode()
    assert 'name="query"' in html and "Keine Ergebnisse" not in html
    assert "Keine Ergebnisse" in search(client, "Xylophonunterricht").content.decode()


# --- templates library --------------------------------------------------------------------------------
def test_templates_library_offers_three_real_docx(demo, client):
    library = TemplateLibraryPage.objects.get()
    response = client.get(library.url)
    vorlagen = list(response.context["vorlagen"])
    assert {v.kategorie for v in vorlagen} >= {"beschluss", "vertrag", "nachweis"}
    for vorlage in vorlagen:
        assert vorlage.format == "DOCX" and vorlage.gueltig_ab
        download = client.get(vorlage.dokument.url)
        assert download.status_code == 200
        body = b"".join(download.streaming_content) if download.streaming else download.content
        document = docx.Document(io.BytesIO(body))
        assert len(document.paragraphs) > 10
    text = "\n".join(
        p.text
        for p in docx.Document(
            io.BytesIO(
                b"".join(
                    client.get(
                        next(v for v in vorlagen if v.kategorie == "beschluss").dokument.url
                    ).streaming_content
                )
            )
        ).paragraphs
    )
    assert "Landkreis" in text and "Beschluss" in text


def test_templates_library_filters_by_category(demo, client):
    library = TemplateLibraryPage.objects.get()
    response = client.get(library.url, {"kategorie": "vertrag"})
    assert [v.kategorie for v in response.context["vorlagen"]] == ["vertrag"]


# --- editorial workflow -------------------------------------------------------------------------------
def test_editor_cannot_publish_and_moderator_approves(demo, client, user):
    from wagtail.models import WorkflowState

    page = guidance("koordinierende-stelle")
    editor, moderator = user("redaktion"), user("freigabe")
    assert not page.permissions_for_user(editor).can_publish()
    assert page.permissions_for_user(moderator).can_publish()

    workflow = page.get_workflow()
    assert workflow is not None
    page.title = "Koordinierende Stelle (überarbeitet)"
    page.save_revision(user=editor)
    workflow.start(page, editor)
    page.refresh_from_db()
    live = client.get(page.url).content.decode()
    assert "Koordinierende Stelle (überarbeitet)" not in live  # not live before approval

    state = page.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, moderator, "approve", comment="Passt so.")
    page.refresh_from_db()
    assert page.title == "Koordinierende Stelle (überarbeitet)"
    assert "Koordinierende Stelle (überarbeitet)" in client.get(page.url).content.decode()
    actions = set(PageLogEntry.objects.filter(page=page).values_list("action", "user__username"))
    assert ("wagtail.workflow.start", "redaktion") in actions
    assert ("wagtail.workflow.approve", "freigabe") in actions


def test_the_editor_submits_to_a_german_named_moderation(demo, client, login):
    """#19: Wagtail's button read "In Moderators approval einreichen"."""
    page = guidance("kennzahlen")
    assert page.get_workflow().name == "Redaktionsfreigabe"
    login("redaktion")
    html = client.get(f"/cms/pages/{page.pk}/edit/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "In Redaktionsfreigabe einreichen" in html and "Moderators approval" not in html


def test_moderator_rejects_with_comment(demo, user):
    from wagtail.models import WorkflowState

    page = guidance("kennzahlen")
    editor, moderator = user("redaktion"), user("freigabe")
    original = page.title
    page.title = "Kennzahlen – Entwurf"
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    state = page.current_workflow_state
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, moderator, "reject", comment="Bitte Quelle ergänzen.")
    page.refresh_from_db()
    assert page.title == original
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    entry = PageLogEntry.objects.filter(page=page, action="wagtail.workflow.reject").get()
    assert entry.user == moderator


def test_editor_submits_through_the_admin(demo, client, user):
    index = GuidanceIndexPage.objects.get()
    page = GuidancePage(
        title="Neue Hinweisseite",
        slug="neue-hinweisseite",
        gueltig_ab=datetime.date(2025, 1, 1),
        body=[("heading", {"text": "Abschnitt", "level": "h2"})],
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    anmelden(client, user("redaktion"))
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert client.get(url).status_code == 200
    data = nested_form_data(
        {
            "title": "Neue Hinweisseite (überarbeitet)",
            "slug": page.slug,
            "zusammenfassung": "Kurz gesagt.",
            "regelwerk": page.regelwerk,
            "gueltig_ab": "2025-01-01",
            "ersetzt_durch": "",
            "body": streamfield(
                [
                    ("heading", {"text": "Neuer Abschnitt", "level": "h2"}),
                    ("text", rich_text("<p>Neuer Text.</p>")),
                ]
            ),
            "comments": inline_formset([]),
        }
    )
    data["action-submit"] = "submit"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page.refresh_from_db()
    assert page.title == "Neue Hinweisseite"  # the live page is unchanged until approval
    assert page.workflow_in_progress
    assert "Neuer Abschnitt" not in client.get(page.url).content.decode()


def test_german_stemming_on_postgres(demo, client, postgres_only):
    """With the German search configuration, inflected forms find the base form."""
    cases = (("Verbünde", "entscheidung-bis-31-mai"), ("Verwendungsnachweises", "verwendungsnachweis"))
    for query, slug in cases:
        results = [r["page"].slug for r in search(client, query).context["results"]]
        assert slug in results[:3], (query, results)


def test_the_editor_makes_no_request_to_foreign_hosts(client, user, demo):
    """No Gravatar: the CSP blocks it and the avatar broke; the editor's pages name no foreign host (#19)."""
    anmelden(client, user("redaktion"))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "gravatar" not in html.lower()
    assert "avatar" in html  # Wagtail's own default avatar instead
