def banner(text):
    return "<div class='banner'>" + text + "</div>"
