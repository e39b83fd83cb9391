"""The interviewer's pages render for a real interview session."""


def test_review_page_and_exports_render(cast):
    sid = cast.sessions["interview"]
    iv = cast.clients["interviewer"]
    for url in (
        f"/s/{sid}/review",
        f"/s/{sid}/review.md",
        f"/s/{sid}/review.html",
        "/sessions",
        "/sessions.csv",
        f"/s/{sid}/replay/1",
        f"/s/{sid}/live?since=0",
        "/interviews",
    ):
        response = iv.get(url)
        assert response.status_code == 200, (url, response.get_data(as_text=True)[:3000])
    admin = cast.clients["admin"].get("/admin/users")
    assert admin.status_code == 200
