# bench/menu-pages.sh: the links of a demo account's menu, from its home page after signing in
# Logs in as a demo account and prints the menu links of its home page (same-origin GET links, no logout/downloads)
import sys, re, urllib.request, urllib.parse, http.cookiejar
base, user = sys.argv[1], sys.argv[2]
cj = http.cookiejar.CookieJar()
op = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cj))
page = op.open(base + '/login').read().decode()
csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
data = urllib.parse.urlencode({'username': user, 'password': 'Minyi@2026', '_csrf': csrf}).encode()
op.open(base + '/login', data)
home = op.open(base + '/').read().decode()
nav = re.findall(r'<nav.*?</nav>', home, re.S)
links = []
for block in (nav or [home]):
    for h in re.findall(r'href="(/[^"#]*)"', block):
        h = h.replace('&amp;', '&')
        if any(x in h for x in ('logout', '.pdf', '.xlsx', '.csv', '/css/', '/js/', '/webjars/', '/images/')): continue
        if h not in links: links.append(h)
print(' '.join(links))
