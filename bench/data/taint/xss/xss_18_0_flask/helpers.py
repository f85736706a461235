import html


def safe_banner(text):
    return "<div class='banner'>" + html.escape(text) + "</div>"
