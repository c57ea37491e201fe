"""Generates api/Trajecten.Api/openapi.json (design-first: edit here, run `python3 deploy/openapi/genereer.py`,
commit both). The API tests check that the document lists exactly the mapped endpoints; CI lints it with
the NLGov API Design Rules ruleset."""
import json, pathlib
DOEL = pathlib.Path(__file__).resolve().parents[2] / "api" / "Trajecten.Api" / "openapi.json"
def ref(n): return {"$ref": f"#/components/schemas/{n}"}
H={"API-Version":{"$ref":"#/components/headers/API-Version"}}
HL={"API-Version":{"$ref":"#/components/headers/API-Version"},"Location":{"$ref":"#/components/headers/Location"}}
def ok(schema, desc="OK", headers=H): return {"description":desc,"headers":headers,"content":{"application/json":{"schema":schema}}}
def err(*codes): return {str(c):{"$ref":f"#/components/responses/P{c}"} for c in codes}
def body(schema, desc=None):
    b={"required":True,"content":{"application/json":{"schema":schema}}}
    if desc: b["description"]=desc
    return b
def pp(name, desc, pattern=None):
    s={"type":"string"}
    if pattern: s["pattern"]=pattern
    return {"name":name,"in":"path","required":True,"description":desc,"schema":s}
CEL={"type":"integer","format":"int32","minimum":0,"nullable":True,"description":"Aantal personen; null als het 1 tot 4 is (onderdrukt)."}
def q(name, desc, schema=None): return {"name":name,"in":"query","required":False,"description":desc,"schema":schema or {"type":"string"}}
CURSOR=q("cursor","Waar de pagina begint: uit de links next/prev van een eerder antwoord met dezelfde filters.")
LIMIT=q("limit","Hoogstens zoveel cliënten (1–100, standaard 20).",{"type":"integer","format":"int32","minimum":1,"maximum":100})
IFMATCH={"name":"If-Match","in":"header","required":True,"description":"De ETag uit het antwoord op GET /clienten/{clientId}, of *.","schema":{"type":"string"}}
HE={"API-Version":{"$ref":"#/components/headers/API-Version"},"ETag":{"$ref":"#/components/headers/ETag"}}
HLINK={"API-Version":{"$ref":"#/components/headers/API-Version"},"Link":{"$ref":"#/components/headers/Link"}}
IDEM_REQ={"$ref":"#/components/parameters/IdempotencyKeyVerplicht"}
IDEM_OPT={"$ref":"#/components/parameters/IdempotencyKeyOptioneel"}
CLIENT=pp("clientId","Opaque, stabiele id van de cliënt (nooit een BSN).","^cl-[a-z2-7]{26}$")
TRAJECT=pp("trajectId","Id van het traject.","^tr-[a-z2-7]{26}$")
MIJLPAAL=pp("mijlpaalId","Id van de mijlpaal.")
KVK=pp("kvkNummer","KvK-nummer: precies 8 cijfers; iets anders geeft 400.")
date={"type":"string","format":"date","example":"2026-03-01"}
dt={"type":"string","format":"date-time"}
def s(props, required=(), desc=None, extra=None):
    o={"type":"object","properties":props}
    if required: o["required"]=list(required)
    if desc: o["description"]=desc
    if extra: o.update(extra)
    return o
st={"type":"string"}
soorten=["intake","diagnose","plan","leerwerkbedrijf","plaatsing","uitstroom","beeindigd"]
fasen=["aangemeld"]+soorten
TYPEN=["nl.participatiewet.traject.gestart","nl.participatiewet.traject.mijlpaal-geregistreerd","nl.participatiewet.traject.mijlpaal-gecorrigeerd",
       "nl.participatiewet.traject.mijlpaal-ingetrokken","nl.participatiewet.traject.termijn-verstreken","nl.participatiewet.traject.nazorg-vastgelegd",
       "nl.participatiewet.traject.verhuisd","nl.participatiewet.client.verhuisd","nl.participatiewet.traject.herbeoordeling-vastgelegd"]
instr=["scholing","werkstage","proefplaatsing","loonkostensubsidie","loondispensatie","jobcoaching","werkplekaanpassing","participatie","vrijwilligerswerk","beschut-werk"]
redenen=["werk","opleiding","overig","verhuisd","uitkering-beeindigd","medische-redenen","geen-medewerking","overleden"]
doelgroep={"type":"string","enum":["volledig","beperkt","beschut","zorg"],"description":"Volgt uit de diagnose: loonwaarde > 80 volledig, 20–80 beperkt, < 20 beschut; zorg: true geeft zorg."}
schemas={
 "Probleem": s({"type":{"type":"string","format":"uri"},"title":st,"status":{"type":"integer","format":"int32"},"detail":st,"instance":st},
   ["status","title","detail"], "RFC 9457 problem details. Bij 400 staat bovendien het lid invalidParams in het antwoord: een lijst {name, code, reason} met elk probleem (zoals de Haal Centraal API's)."),
 "Link": s({"href":st,"templated":{"type":"boolean"}},["href"]),
 "Landing": s({"naam":st,"versie":st,"omschrijving":st,"links":{"type":"object","additionalProperties":ref("Link")}},["naam","versie","links"]),
 "NieuweClient": s({"bsn":{"type":"string","pattern":"^[0-9]{8,9}$","description":"Burgerservicenummer; moet aan de elfproef voldoen. Staat alleen in de body, nooit in een URL."},
   "gemeente":{"type":"string","description":"Een gemeente van de regio (hoofdletterongevoelig)."},"naam":{"type":"string","maxLength":200},"geboortedatum":date,
   "klantmanager":{"type":"string","maxLength":100,"description":"Medewerker-id (sub van het token) van de klantmanager; standaard wie registreert."},"klantmanagerNaam":{"type":"string","maxLength":100},
   "contact":ref("Contact")},["bsn","gemeente"]),
 "Zoekvraag": s({"bsn":{"type":"string","pattern":"^[0-9]{8,9}$"},
   "doel":{"type":"string","pattern":"^[a-z0-9]+(-[a-z0-9]+)*$","maxLength":60,"description":"Verplicht voor een ketenpartner: waarvoor het systeem de koppeling legt (bijvoorbeeld uitkeringsadministratie); het verwerkingenlog bewaart het."}},["bsn"]),
 "Koppeling": s({"clientId":st},["clientId"],"Wat een ketenpartner leert: alleen de clientId."),
 "Contact": s({"telefoon":{"type":"string","maxLength":30},"email":{"type":"string","format":"email","maxLength":254}}),
 "Client": s({"clientId":st,"gemeente":st,"naam":st,"geboortedatum":date,"klantmanager":{"type":"string","description":"Medewerker-id (sub van het token) van de klantmanager."},
   "klantmanagerNaam":st,"contact":ref("Contact"),"geregistreerdOp":dt,"trajectIds":{"type":"array","items":st}},["clientId","gemeente","geregistreerdOp","trajectIds"],
   "Het profiel; de ETag-header van het antwoord is de versie die een wijziging in If-Match noemt."),
 "ClientWijziging": s({"naam":{"type":"string","maxLength":200,"nullable":True},"klantmanager":{"type":"string","maxLength":100,"nullable":True,"description":"Medewerker-id; null: geen klantmanager."},
   "klantmanagerNaam":{"type":"string","maxLength":100,"nullable":True},"contact":s({"telefoon":{"type":"string","maxLength":30,"nullable":True},"email":{"type":"string","maxLength":254,"nullable":True}})},
   desc="JSON merge patch (RFC 7396): een ontbrekend veld blijft, null wist het. De gemeente verandert met een verhuizing, het BSN en de geboortedatum niet."),
 "Verhuizing": s({"naarGemeente":{"type":"string","description":"Een andere gemeente van de regio."}},["naarGemeente"]),
 "CaseloadTraject": s({"trajectId":st,"soort":st,"fase":{"type":"string","enum":fasen},"doelgroep":doelgroep,"volgendeTermijn":dt,"volgendeTermijnSoort":{"type":"string","enum":["zoekperiode","herbeoordeling","nazorg"]}},["trajectId","soort","fase"]),
 "CaseloadClient": s({"clientId":st,"gemeente":st,"naam":st,"geboortedatum":date,"klantmanager":st,"klantmanagerNaam":st,
   "trajecten":{"type":"array","items":ref("CaseloadTraject"),"description":"De open trajecten."},"aandachtspunten":{"type":"array","items":ref("Aandachtspunt")},
   "volgendeTermijn":dt,"volgendeTermijnSoort":st,"laatsteActiviteit":dt},["clientId","gemeente","trajecten","aandachtspunten","laatsteActiviteit"]),
 "PaginaLinks": s({"self":ref("Link"),"next":ref("Link"),"prev":ref("Link")},["self"]),
 "CaseloadPagina": s({"clienten":{"type":"array","items":ref("CaseloadClient")},"_links":ref("PaginaLinks")},["clienten","_links"]),
 "NieuweCorrectie": s({"reden":{"type":"string","maxLength":500,"description":"Waarom de mijlpaal gecorrigeerd wordt."},"datum":{**date,"description":"De juiste datum."},
   "details":s({"loonwaarde":{"type":"number","minimum":0,"maximum":100},"zorg":{"type":"boolean"},"instrumenten":{"type":"array","items":{"type":"string","enum":instr}},
     "locatie":{"type":"string","maxLength":200},"kvkNummer":{"type":"string","pattern":"^[0-9]{8}$"},"reden":{"type":"string","enum":redenen}},desc="De juiste details; alleen wat bij de soort van de mijlpaal hoort. Ontbrekende blijven.")},
   ["reden"],"Een nieuwe datum, nieuwe details, of allebei."),
 "NieuweIntrekking": s({"reden":{"type":"string","maxLength":500,"description":"Waarom de mijlpaal ten onrechte is vastgelegd."}},["reden"]),
 "Correctie": s({"correctieId":st,"mijlpaalId":st,"soort":{"type":"string","enum":["correctie","intrekking"]},"reden":st,"geregistreerdOp":dt,"datum":date,
   "loonwaarde":{"type":"number"},"zorg":{"type":"boolean"},"doelgroep":doelgroep,"instrumenten":{"type":"array","items":st},"locatie":st,"kvkNummer":st,"uitstroomReden":st},
   ["correctieId","mijlpaalId","soort","geregistreerdOp"],"Een correctie of intrekking: een nieuw feit; de geschiedenis blijft. Bij een correctie: de datum en details van de mijlpaal erna. De reden (vrije tekst) alleen voor de klantmanager."),
 "NieuweNazorg": s({"datum":{**date,"description":"De datum van de controle; niet vóór de uitstroom en niet in de toekomst. De uitkomst hoort bij de laatste open controle die uiterlijk een maand (Termijnen:NazorgMarge) na deze datum valt."},"aanHetWerk":{"type":"boolean","description":"Nog aan het werk of in opleiding."},
   "toelichting":{"type":"string","maxLength":500}},["datum","aanHetWerk"]),
 "Nazorg": s({"nazorgId":st,"datum":date,"aanHetWerk":{"type":"boolean"},"toelichting":st,"geregistreerdOp":dt,"controle":{"type":"integer","description":"De nazorgcontrole waar deze uitkomst bij hoort, in maanden na de uitstroom (standaard 6, 12 of 18)."}},["nazorgId","datum","aanHetWerk","geregistreerdOp"]),
 "NieuweHerbeoordeling": s({"datum":{**date,"description":"Wanneer de herbeoordeling is gedaan; niet in de toekomst, niet vóór de intake of de vorige herbeoordeling."}},["datum"]),
 "Herbeoordeling": s({"herbeoordelingId":st,"datum":date,"geregistreerdOp":dt},["herbeoordelingId","datum","geregistreerdOp"],
   "Een periodieke herbeoordeling: voldoet aan de herbeoordeling die verschuldigd is; de volgende valt een periode (Termijnen:Herbeoordeling) na deze datum."),
 "NieuwTraject": s({"soort":{"type":"string","enum":["re-integratie","participatie"]},"aanmelddatum":{**date,"description":"De dag waarop de aanmelding binnenkwam, als die later wordt geregistreerd (hoogstens 366 dagen terug, niet in de toekomst). Zonder: nu. De doorlooptijd aanmelding–intake telt vanaf deze dag."}},["soort"]),
 "NieuweMijlpaal": s({"soort":{"type":"string","enum":soorten},"datum":{**date,"description":"Wanneer het gebeurde; niet in de toekomst en niet vóór de vorige mijlpaal."},
   "loonwaarde":{"type":"number","minimum":0,"maximum":100,"description":"diagnose: loonwaarde in procenten."},
   "zorg":{"type":"boolean","description":"diagnose: true voor doelgroep zorg (in plaats van een loonwaarde)."},
   "instrumenten":{"type":"array","items":{"type":"string","enum":instr},"description":"plan: minstens één instrument."},
   "locatie":{"type":"string","maxLength":200,"description":"leerwerkbedrijf: de plek."},
   "kvkNummer":{"type":"string","pattern":"^[0-9]{8}$","description":"plaatsing (verplicht) of uitstroom (optioneel): een geregistreerde werkgever."},
   "reden":{"type":"string","enum":redenen,"description":"uitstroom: werk, opleiding of overig; beeindigd: verhuisd, uitkering-beeindigd, medische-redenen, geen-medewerking, overleden of overig."}},
   ["soort","datum"], "Alleen de details die bij de soort horen zijn toegestaan."),
 "Mijlpaal": s({"mijlpaalId":st,"volgnummer":{"type":"integer","format":"int32","minimum":1},"soort":{"type":"string","enum":soorten},"datum":date,"geregistreerdOp":dt,
   "loonwaarde":{"type":"number"},"zorg":{"type":"boolean"},"doelgroep":doelgroep,"instrumenten":{"type":"array","items":st},"locatie":st,"kvkNummer":st,"reden":st},
   ["mijlpaalId","volgnummer","soort","datum","geregistreerdOp"]),
 "Termijn": s({"soort":{"type":"string","enum":["zoekperiode","herbeoordeling","nazorg"]},"vervaltijd":dt,"verstrekenOp":{**dt,"description":"Wanneer de reminder van de termijn afging."},"controle":{"type":"integer","description":"Bij een nazorgcontrole: het aantal maanden na de uitstroom."}},
   ["soort","vervaltijd"], "Een termijn van het traject: de zoekperiode en de herbeoordeling lopen vanaf de intake, de nazorgcontroles (standaard na 6, 12 en 18 maanden) vanaf de uitstroom."),
 "Traject": s({"trajectId":st,"clientId":st,"gemeente":st,"soort":{"type":"string","enum":["re-integratie","participatie"]},"fase":{"type":"string","enum":fasen},
   "doelgroep":doelgroep,"aangemeldOp":dt,"mijlpalen":{"type":"array","items":ref("Mijlpaal"),"description":"De geldende mijlpalen, met correcties; ingetrokken mijlpalen staan alleen in correcties."},
   "termijnen":{"type":"array","items":ref("Termijn")},"correcties":{"type":"array","items":ref("Correctie"),"description":"De correcties en intrekkingen, in volgorde: de geschiedenis."},
   "nazorg":{"type":"array","items":ref("Nazorg")},"herbeoordelingen":{"type":"array","items":ref("Herbeoordeling")}},["trajectId","clientId","gemeente","soort","fase","aangemeldOp","mijlpalen","termijnen","correcties","nazorg","herbeoordelingen"],
   "Fase, doelgroep en termijnen volgen uit de geldende mijlpalen."),
 "Mijlpalen": s({"trajectId":st,"mijlpalen":{"type":"array","items":ref("Mijlpaal")}},["trajectId","mijlpalen"]),
 "Bron": s({"organisatie":{"type":"string","maxLength":200}},["organisatie"]),
 "Contactpersoon": s({"naam":{"type":"string","maxLength":200},"telefoon":{"type":"string","maxLength":30},"email":{"type":"string","format":"email","maxLength":254}},["naam"]),
 "NieuwSignaal": s({"bsn":{"type":"string","pattern":"^[0-9]{8,9}$"},"domein":{"type":"string","enum":["wmo","jeugd","schuldhulp"]},
   "soort":{"type":"string","description":"wmo: melding, onderzoek, voorziening; jeugd: melding, jeugdhulp; schuldhulp: vroegsignalering, aanmelding, schuldregeling."},
   "datum":date,"bron":ref("Bron"),"contactpersoon":ref("Contactpersoon"),"inhoud":{"type":"string","maxLength":4000,"description":"Blijft in het signaalregister; het klantbeeld toont het niet."}},
   ["bsn","domein","soort","datum","bron","contactpersoon"]),
 "Verwerking": s({"tijdstip":dt,"actie":{"type":"string","enum":["lezen","schrijven","zoeken"]},"objectSoort":st,"objectId":st,"clientId":st,
   "resultaat":{"type":"string","enum":["toegestaan","geweigerd","niet-gevonden"]},"actor":st,"rollen":st,"origine":st,"traceId":st,
   "doel":{"type":"string","description":"Het doel, als het niet de eigen taak van de rol is: terugroepen-na-notificatie, of koppeling-bsn:{doel van de ketenpartner}."}},
   ["tijdstip","actie","objectSoort","clientId","resultaat","actor","rollen"]),
 "Verwerkingen": s({"clientId":st,"verwerkingen":{"type":"array","items":ref("Verwerking")}},["clientId","verwerkingen"]),
 "MijlpaalGegevens": s({"loonwaarde":{"type":"number"},"zorg":{"type":"boolean"},"doelgroep":doelgroep,"instrumenten":{"type":"array","items":st},"locatie":st,"kvkNummer":st,
   "reden":{"type":"string","description":"De uitstroom- of beëindigingsreden (code)."}},[],
   "Wat de mijlpaal zegt, als codes: doelgroep en loonwaarde van een diagnose, instrumenten van een plan, locatie van een leerwerkbedrijf, KvK-nummer van een plaatsing, reden van uitstroom of beëindiging. Nooit een naam, BSN of vrije tekst."),
 "MijlpaalGeregistreerdData": s({"trajectId":st,"clientId":st,"gemeente":st,"soort":{"type":"string","enum":soorten},"datum":date,"volgnummer":{"type":"integer","format":"int32"},"mijlpaalId":st,
   "details":ref("MijlpaalGegevens")},
   ["trajectId","clientId","gemeente","soort","datum","volgnummer","mijlpaalId","details"],"data van nl.participatiewet.traject.mijlpaal-geregistreerd."),
 "TrajectGestartData": s({"trajectId":st,"clientId":st,"gemeente":st,"soort":{"type":"string","enum":["re-integratie","participatie"]},"aangemeldOp":dt},
   ["trajectId","clientId","gemeente","soort","aangemeldOp"],"data van nl.participatiewet.traject.gestart."),
 "MijlpaalGecorrigeerdData": s({"trajectId":st,"clientId":st,"gemeente":st,"mijlpaalId":st,"soort":{"type":"string","enum":soorten,"description":"De soort van de gecorrigeerde mijlpaal (ontbreekt bij correcties van vóór dit veld)."},
   "correctieId":st,"datum":{**date,"description":"De datum van de mijlpaal na de correctie."},"details":ref("MijlpaalGegevens")},
   ["trajectId","clientId","gemeente","mijlpaalId","correctieId"],"data van nl.participatiewet.traject.mijlpaal-gecorrigeerd: de datum en details van de mijlpaal erna (zonder de reden: vrije tekst)."),
 "MijlpaalIngetrokkenData": s({"trajectId":st,"clientId":st,"gemeente":st,"mijlpaalId":st,"soort":{"type":"string","enum":soorten},"correctieId":st},
   ["trajectId","clientId","gemeente","mijlpaalId","correctieId"],"data van nl.participatiewet.traject.mijlpaal-ingetrokken: de mijlpaal telt niet meer."),
 "TermijnVerstrekenData": s({"trajectId":st,"clientId":st,"gemeente":st,"termijn":{"type":"string","enum":["zoekperiode","herbeoordeling","nazorg"]},"vervaltijd":dt,
   "controle":{"type":"integer","format":"int32","description":"Bij nazorg: de controle in maanden na uitstroom."}},
   ["trajectId","clientId","gemeente","termijn","vervaltijd"],"data van nl.participatiewet.traject.termijn-verstreken."),
 "NazorgVastgelegdData": s({"trajectId":st,"clientId":st,"gemeente":st,"nazorgId":st,"datum":date,"aanHetWerk":{"type":"boolean"},"controle":{"type":"integer","format":"int32"}},
   ["trajectId","clientId","gemeente","nazorgId","datum","aanHetWerk"],"data van nl.participatiewet.traject.nazorg-vastgelegd (zonder toelichting: vrije tekst)."),
 "HerbeoordelingVastgelegdData": s({"trajectId":st,"clientId":st,"gemeente":st,"herbeoordelingId":st,"datum":date},["trajectId","clientId","gemeente","herbeoordelingId","datum"],"data van nl.participatiewet.traject.herbeoordeling-vastgelegd."),
 "TrajectVerhuisdData": s({"trajectId":st,"clientId":st,"gemeente":{"type":"string","description":"De nieuwe gemeente (gelijk aan naar)."},"van":st,"naar":st,"op":dt},["trajectId","clientId","gemeente","van","naar","op"],"data van nl.participatiewet.traject.verhuisd; ook te zien voor de gemeente die de cliënt verlaat."),
 "ClientVerhuisdData": s({"clientId":st,"gemeente":{"type":"string","description":"De nieuwe gemeente (gelijk aan naar)."},"van":st,"naar":st,"op":dt},["clientId","gemeente","van","naar","op"],"data van nl.participatiewet.client.verhuisd; ook te zien voor de gemeente die de cliënt verlaat."),
 "CloudEvent": s({"specversion":{"type":"string","enum":["1.0"]},"id":{"type":"string","description":"Uniek per feit: ontdubbel hierop."},"source":{"type":"string","example":"urn:nld:oin:00000000000000000000:systeem:trajecten"},
   "type":{"type":"string","enum":TYPEN},"time":dt,"subject":{"type":"string","description":"De trajectId (pseudoniem); bij client.verhuisd de clientId."},
   "datacontenttype":st,"sequence":{"type":"string","description":"De positie in het log."},"sequencetype":{"type":"string","enum":["Integer"]},
   "data":{"oneOf":[ref(n) for n in ["TrajectGestartData","MijlpaalGeregistreerdData","MijlpaalGecorrigeerdData","MijlpaalIngetrokkenData","TermijnVerstrekenData","NazorgVastgelegdData","TrajectVerhuisdData","ClientVerhuisdData","HerbeoordelingVastgelegdData"]],
           "description":"Per type: zie de *Data-schema's en de catalogus in de README."}},
   ["specversion","id","source","type","time","data"]),
 "GebeurtenissenPagina": s({"gebeurtenissen":{"type":"array","items":ref("CloudEvent")},"volgende":{"type":"integer","format":"int64","description":"De positie om mee verder te lezen."}},["gebeurtenissen","volgende"]),
 "Kanaal": s({"naam":{"type":"string","enum":["trajecten"]},"filters":s({"gemeente":st,"soort":{"type":"string","enum":soorten,"description":"Alleen feiten over een mijlpaal van deze soort."},
   "type":{"type":"string","description":"Alleen deze typen, kommagescheiden; zonder: alle traject-typen (client.verhuisd komt per traject als traject.verhuisd)."}})},["naam"]),
 "NieuwAbonnement": s({"callbackUrl":{"type":"string","format":"uri","description":"Absolute https-URL (http alleen naar deze machine), zonder gebruikersnaam of wachtwoord."},
   "auth":{"type":"string","description":"De Authorization-header die naar de callback gaat."},"kanalen":{"type":"array","items":ref("Kanaal"),"minItems":1,"maxItems":1}},["callbackUrl","kanalen"]),
 "Abonnement": s({"abonnementId":st,"callbackUrl":st,"kanalen":{"type":"array","items":ref("Kanaal")},"positie":{"type":"integer","format":"int64","description":"De laatst afgeleverde positie."},
   "status":{"type":"string","enum":["actief","falend","beeindigd"],"description":"beeindigd: de ontvanger antwoordde 410 Gone; er wordt niets meer afgeleverd."},
   "opeenvolgendeFouten":{"type":"integer","format":"int32"},"laatsteFout":st,"laatsteAflevering":dt,
   "volgendePoging":{"type":"string","format":"date-time","description":"Wanneer na een mislukte aflevering opnieuw wordt geprobeerd."},"aangemaaktOp":dt,
   "geheim":{"type":"string","description":"Het ondertekengeheim (whsec_…) volgens Standard Webhooks: alleen in het antwoord dat het abonnement aanmaakt, daarna nooit meer."}},
   ["abonnementId","callbackUrl","kanalen","positie","status","opeenvolgendeFouten","aangemaaktOp"]),
 "Abonnementen": s({"abonnementen":{"type":"array","items":ref("Abonnement")}},["abonnementen"]),
 "SignaalOntvangst": s({"signaalId":st},["signaalId"]),
 "Signaal": s({"signaalId":st,"domein":{"type":"string","enum":["wmo","jeugd","schuldhulp"]},"soort":st,"datum":date,"bron":ref("Bron"),"contactpersoon":ref("Contactpersoon"),
   "inhoud":{"type":"string","description":"Alleen voor de professionals van het eigen domein (wmo-consulent, jeugd-consulent, schuldhulpverlener)."}},
   ["signaalId","domein","soort","datum","bron","contactpersoon"], "Dát een ander domein betrokken is, en wie te bellen; niet de inhoud."),
 "Aandachtspunt": s({"code":{"type":"string","enum":["schuldhulp-tijdens-traject","jeugdhulp-tijdens-traject","zoekperiode-verlopen","herbeoordeling-nodig","nazorg-controle"]},"omschrijving":st,"sinds":date,"trajectId":st},["code","omschrijving","sinds"]),
 "KlantbeeldTraject": s({"trajectId":st,"soort":st,"fase":{"type":"string","enum":fasen},"doelgroep":doelgroep,"aangemeldOp":dt,"mijlpalen":{"type":"array","items":ref("Mijlpaal")},
   "correcties":{"type":"array","items":ref("Correctie")}},
   ["trajectId","soort","fase","aangemeldOp","mijlpalen"]),
 "Klantbeeld": s({"clientId":st,"gemeente":st,"klantmanager":st,"doelgroep":doelgroep,"trajecten":{"type":"array","items":ref("KlantbeeldTraject")},
   "signalen":{"type":"array","items":ref("Signaal")},"aandachtspunten":{"type":"array","items":ref("Aandachtspunt")},"bijgewerktOp":dt},
   ["clientId","gemeente","trajecten","signalen","aandachtspunten","bijgewerktOp"]),
 "WerkgeverGegevens": s({"naam":{"type":"string","maxLength":200},"gemeente":{"type":"string","maxLength":100},"sector":{"type":"string","maxLength":100}},["naam","gemeente"]),
 "Plaatsing": s({"trajectId":st,"mijlpaalId":st,"soort":{"type":"string","enum":["plaatsing","uitstroom"]},"datum":date},["trajectId","mijlpaalId","soort","datum"]),
 "NieuweVacature": s({"titel":{"type":"string","maxLength":200},"aantal":{"type":"integer","format":"int32","minimum":1,"maximum":1000},"omschrijving":{"type":"string","maxLength":4000},
   "urenPerWeek":{"type":"integer","format":"int32","minimum":1,"maximum":60},"leerwerkplek":{"type":"boolean"},"sluitingsdatum":date},["titel","aantal"]),
 "Vacature": s({"vacatureId":st,"titel":st,"aantal":{"type":"integer","format":"int32"},"omschrijving":st,"urenPerWeek":{"type":"integer","format":"int32"},"leerwerkplek":{"type":"boolean"},"sluitingsdatum":date,"geplaatstOp":dt},
   ["vacatureId","titel","aantal","leerwerkplek","geplaatstOp"]),
 "Doorlooptijden": s({"aanmeldingIntake":{"type":"number","nullable":True},"intakeDiagnose":{"type":"number","nullable":True},"intakePlaatsing":{"type":"number","nullable":True},
   "intakeUitstroom":{"type":"number","nullable":True},"zoekperiode":{"type":"number","nullable":True}},[],"Mediaan in dagen van de stappen die in de maand zijn gezet; null bij minder dan 5 personen."),
 "NazorgCijfers": s({"controle":{"type":"integer","description":"Maanden na uitstroom."},"gecontroleerd":CEL,"aanHetWerk":CEL,"aandeel":{"type":"number","nullable":True,"description":"Aandeel nog aan het werk; null bij minder dan 5 gecontroleerden."}},["controle"]),
 "HerinstroomCijfers": s({"binnenMaanden":{"type":"integer"},"volledig":{"type":"boolean","description":"De periode is voor iedereen in het cohort voorbij; anders is het aandeel nog niet bekend."},
   "heringestroomd":CEL,"aandeel":{"type":"number","nullable":True}},["binnenMaanden","volledig"]),
 "Maandcijfers": s({"gemeente":st,"maand":{"type":"string","pattern":"^[0-9]{4}-[0-9]{2}$"},"aanmeldingen":CEL,"intakes":CEL,"plaatsingen":CEL,"uitstroomWerk":CEL,"uitstroomOpleiding":CEL,
   "uitstroomOverig":CEL,"beeindigd":CEL,"actiefEindeMaand":CEL,"mediaanDagen":ref("Doorlooptijden"),
   "nazorg":{"type":"array","items":ref("NazorgCijfers"),"description":"Het cohort dat deze maand naar werk uitstroomde: de uitkomsten per nazorgcontrole."},
   "herinstroom":{"type":"array","items":ref("HerinstroomCijfers"),"description":"Het cohort dat deze maand naar werk uitstroomde: wie binnen de periode met een nieuw traject terugkwam."},
   "signalen":{"type":"object","additionalProperties":CEL,"description":"Signalen over cliënten van de gemeente, per domein."},
   "onderdrukt":{"type":"array","items":st,"description":"De velden die zijn weggelaten omdat ze 1 tot 4 personen tellen."}},
   ["gemeente","maand","mediaanDagen","nazorg","herinstroom","signalen","onderdrukt"]),
 "Kengetallen": s({"gemeenten":{"type":"array","items":st},"van":st,"tot":st,"minimumCel":{"type":"integer","description":"Cellen van 1 tot dit aantal min één personen worden onderdrukt."},
   "maanden":{"type":"array","items":ref("Maandcijfers")}},["gemeenten","van","tot","minimumCel","maanden"]),
 "Werkgever": s({"kvkNummer":st,"naam":st,"gemeente":st,"sector":st,"geregistreerdOp":dt,"gewijzigdOp":dt,"plaatsingen":{"type":"array","items":ref("Plaatsing")},"vacatures":{"type":"array","items":ref("Vacature")}},
   ["kvkNummer","naam","gemeente","geregistreerdOp","gewijzigdOp","plaatsingen","vacatures"]),
}
pdesc={406:"Geen van de gevraagde formaten (Accept) kan: er zijn application/json en text/csv.",410:"De mijlpaal is ingetrokken.",412:"If-Match noemt niet de huidige versie: iemand anders wijzigde intussen; haal opnieuw op.",428:"Een wijziging van een cliënt noemt in If-Match de ETag van de gelezen versie.",400:"Ongeldige invoer; invalidParams noemt elk probleem.",404:"Onbekende resource.",409:"Geweigerde overgang of conflict (bijv. een Idempotency-Key die al voor iets anders is gebruikt).",
 413:"Body te groot.",401:"Geen of geen geldig bearer-token.",403:"De rol of het domein van de aanroeper geeft geen toegang. Buiten de eigen gemeenten is het antwoord 404, zodat niet blijkt of een cliënt bestaat.",429:"Te veel verzoeken van deze aanroeper; probeer het over een minuut opnieuw.",415:"Body is geen application/json.",503:"Tijdelijk niet beschikbaar; probeer het opnieuw (Retry-After)."}
responses={f"P{c}":{"description":d,"headers":H,"content":{"application/problem+json":{"schema":ref("Probleem")}}} for c,d in pdesc.items()}
W=(400,413,415,503)
NA={"name":"na","in":"query","required":False,"description":"Alleen gebeurtenissen ná deze positie (standaard 0), of nu: vanaf het einde van het log.","schema":{"type":"string","pattern":"^([0-9]+|nu)$"}}
GEMEENTEN={"name":"gemeente","in":"query","required":False,"description":"Alleen deze gemeente(n): kommagescheiden of herhaald. Zonder regionaal token standaard de eigen gemeenten.","schema":{"type":"string"}}
SOORTEN={"name":"soort","in":"query","required":False,"description":"Alleen feiten over een mijlpaal van deze soort(en) (geregistreerd, gecorrigeerd, ingetrokken): kommagescheiden of herhaald, bijvoorbeeld intake,plaatsing.","schema":{"type":"string"}}
TYPE={"name":"type","in":"query","required":False,"description":"Alleen deze type(n) gebeurtenis: kommagescheiden of herhaald, bijvoorbeeld nl.participatiewet.traject.gestart. Een onbekend type is 400.","schema":{"type":"string"}}
def op(opid, summary, tag, responses, params=None, rb=None, desc=None, rollen=None):
    if rollen:
        responses={**responses, **err(401,403,429)}
        desc=(desc or summary+".")+" Rollen: "+", ".join(rollen)+"."
    o={"operationId":opid,"summary":summary,"tags":[tag],"responses":responses}
    if rollen: o["security"]=[{"bearer":[]}]
    else: o["security"]=[]
    o["description"]=desc or summary+"."
    if params: o["parameters"]=params
    if rb: o["requestBody"]=rb
    return o
paths={
 "/":{"get":op("getLanding","Landingsdocument met links","Discovery",{"200":ok(ref("Landing")),**err(503)})},
 "/openapi.json":{"get":op("getOpenApi","Dit OpenAPI-document","Discovery",{"200":ok({"type":"object"}),**err(503)})},
 "/clienten":{"get":op("zoekClienten","Cliënten zoeken en filteren (de caseload)","Cliënten",{"200":ok(ref("CaseloadPagina"),"Een pagina; de Link-header noemt next en prev",HLINK),**err(400,503)},
    params=[q("gemeente","Alleen deze gemeente (binnen je eigen gemeenten; anders 403)."),q("klantmanager","Alleen cliënten van deze medewerker-id."),
            q("fase","Alleen cliënten met een open traject in deze fase.",{"type":"string","enum":fasen}),q("doelgroep","Alleen cliënten met een open traject met deze doelgroep.",{"type":"string","enum":["volledig","beperkt","beschut","zorg"]}),
            q("aandachtspunt","Alleen cliënten met dit aandachtspunt.",{"type":"string","enum":["schuldhulp-tijdens-traject","jeugdhulp-tijdens-traject","zoekperiode-verlopen","herbeoordeling-nodig","nazorg-controle"]}),
            q("termijnVoor","Alleen cliënten met een openstaande termijn vóór deze datum.",date),
            q("zoek","Begin van een woord van de naam (hoofdletter- en accentongevoelig) of een geboortedatum (JJJJ-MM-DD). Nooit een BSN: zoek daarop met POST /clienten/_zoek."),
            CURSOR,LIMIT],
    desc="De caseload, uit het leesmodel: op naam gesorteerd, bladeren met cursor en limit. Elke getoonde cliënt staat in het toegangslog. Een onbekende parameter of waarde, een ongeldige cursor of een cursor voorbij het einde geeft 400.",rollen=["klantmanager"]),
  "post":op("registreerClient","Registreer een cliënt","Cliënten",
    {"201":ok(ref("Client"),"Geregistreerd",HL),"200":ok(ref("Client"),"Dit BSN was al geregistreerd in een van je gemeenten: dezelfde cliënt, ongewijzigd"),**err(*W)},rb=body(ref("NieuweClient")),
    desc="Is de persoon al cliënt van een gemeente buiten je token, dan is het antwoord 403 zonder iets van het profiel, verandert er niets en staat de weigering in het verwerkingenlog; een overgang tussen gemeenten is een verhuizing.",
    rollen=["klantmanager"])},
 "/clienten/_zoek":{"post":op("zoekClient","Zoek een cliënt op BSN (in de body)","Cliënten",{"200":ok({"oneOf":[ref("Client"),ref("Koppeling")]},"Voor een klantmanager het profiel; voor een ketenpartner alleen de clientId"),**err(404,*W)},rb=body(ref("Zoekvraag")),
    desc="Een ketenpartner die zijn eigen administratie op BSN bijhoudt, leert de clientId van een cliënt van zijn gemeenten, met een verplicht doel dat in het verwerkingenlog komt; nooit het profiel.",
    rollen=["klantmanager","ketenpartner"])},
 "/clienten/{clientId}":{"get":op("getClient","Profiel van een cliënt","Cliënten",{"200":ok(ref("Client"),"OK",HE),**err(404,503)},params=[CLIENT],rollen=["klantmanager"]),
    "patch":op("wijzigClient","Wijzig naam, klantmanager of contact","Cliënten",{"200":ok(ref("Client"),"Gewijzigd (of niets te wijzigen)",HE),**err(404,412,428,*W)},params=[CLIENT,IFMATCH],
      rb={"required":True,"content":{"application/merge-patch+json":{"schema":ref("ClientWijziging")},"application/json":{"schema":ref("ClientWijziging")}}},
      desc="JSON merge patch, voorwaardelijk: If-Match met de ETag van GET (anders 428; verouderd 412). Wordt eerst als feit in het log vastgelegd.",rollen=["klantmanager"])},
 "/clienten/{clientId}/verhuizing":{"post":op("verhuisClient","Verhuis de cliënt naar een andere gemeente van de regio","Cliënten",{"200":ok(ref("Client"),"Verhuisd",HE),**err(404,409,412,428,*W)},
    params=[CLIENT,IFMATCH],rb=body(ref("Verhuizing")),desc="Een feit met de oude en de nieuwe gemeente; de cliënt en zijn trajecten horen daarna bij de nieuwe gemeente (wie alleen de oude mag zien, krijgt 404). Naar de eigen gemeente: 409.",rollen=["klantmanager"])},
 "/kengetallen":{"get":op("getKengetallen","Kengetallen per gemeente per maand","Kengetallen",
    {"200":{"description":"De cijfers; met Accept: text/csv één regel per gemeente en maand (onderdrukte cellen leeg)","headers":H,
      "content":{"application/json":{"schema":ref("Kengetallen")},"text/csv":{"schema":{"type":"string"}}}},**err(400,406,503)},
    params=[q("gemeente","Alleen deze gemeente (binnen je eigen gemeenten; anders 403). Zonder: al je gemeenten."),
            q("van","Eerste maand (JJJJ-MM); standaard elf maanden vóór tot.",{"type":"string","pattern":"^[0-9]{4}-[0-9]{2}$"}),
            q("tot","Laatste maand (JJJJ-MM), niet in de toekomst; standaard de huidige maand. Hoogstens 120 maanden.",{"type":"string","pattern":"^[0-9]{4}-[0-9]{2}$"})],
    desc="Aanmeldingen, intakes, plaatsingen, uitstroom naar reden, actieve trajecten, mediane doorlooptijden, duurzame uitstroom (nazorg na 6/12/18 maanden en herinstroom) en signalen, berekend uit het leesmodel van het log. Cellen van 1 tot 4 personen worden onderdrukt, zoals statistische bureaus doen.",rollen=["management"])},
 "/werkvoorraad":{"get":op("getWerkvoorraad","Je eigen cliënten die aandacht vragen, urgentste eerst","Cliënten",{"200":ok(ref("CaseloadPagina"),"Een pagina; de Link-header noemt next en prev",HLINK),**err(400,503)},
    params=[q("dagen","Termijnen die binnen zoveel dagen vervallen (0–366, standaard 14).",{"type":"integer","format":"int32","minimum":0,"maximum":366}),CURSOR,LIMIT],
    desc="De cliënten met klantmanager = de sub van je token die een aandachtspunt hebben of een termijn binnen dagen; gesorteerd op het vroegste aandachtspunt of de vroegste termijn.",rollen=["klantmanager"])},
 "/clienten/{clientId}/klantbeeld":{"get":op("getKlantbeeld","Het integrale klantbeeld","Cliënten",{"200":ok(ref("Klantbeeld")),**err(404,503)},params=[CLIENT],
    desc="Trajecten met mijlpalen, signalen uit Wmo, Jeugd en Schuldhulp (zonder inhoud) en de aandachtspunten van vandaag. Wordt via streams bijgewerkt; bijgewerktOp zegt tot wanneer.",rollen=["klantmanager","wmo-consulent","jeugd-consulent","schuldhulpverlener"])},
 "/clienten/{clientId}/trajecten":{"post":op("meldTrajectAan","Open een traject voor de cliënt","Trajecten",
    {"201":ok(ref("Traject"),"Aangemeld",HL),"200":ok(ref("Traject"),"Herhaling met dezelfde Idempotency-Key: het eerder geopende traject"),**err(404,409,*W)},params=[CLIENT,IDEM_OPT],rb=body(ref("NieuwTraject")),rollen=["klantmanager"])},
 "/trajecten/{trajectId}":{"get":op("getTraject","Een traject met zijn mijlpalen","Trajecten",{"200":ok(ref("Traject")),**err(404,503)},params=[TRAJECT],
    desc="Ook voor een ketenpartner of beheerder die terugroept waar een notificatie naar wijst (hoofdObject), binnen de eigen gemeenten; zonder de vrije toelichting bij nazorg, en in het verwerkingenlog met doel terugroepen-na-notificatie.",
    rollen=["klantmanager","ketenpartner","beheerder"])},
 "/trajecten/{trajectId}/mijlpalen":{
    "get":op("getMijlpalen","De mijlpalen in volgnummer-volgorde","Trajecten",{"200":ok(ref("Mijlpalen")),**err(404,503)},params=[TRAJECT],rollen=["klantmanager"]),
    "post":op("registreerMijlpaal","Registreer een mijlpaal","Trajecten",
      {"201":ok(ref("Mijlpaal"),"Geregistreerd",HL),"200":ok(ref("Mijlpaal"),"Herhaling met dezelfde Idempotency-Key en inhoud: de eerder geregistreerde mijlpaal"),**err(404,409,*W)},
      params=[TRAJECT,IDEM_REQ],rb=body(ref("NieuweMijlpaal")),
      desc="Een traject begint met de intake, gaat alleen vooruit, heeft vóór het plan een diagnose en neemt na uitstroom of beeindigd niets meer aan (409). Een plaatsing noemt een geregistreerde werkgever.",rollen=["klantmanager"])},
 "/trajecten/{trajectId}/mijlpalen/{mijlpaalId}":{"get":op("getMijlpaal","Eén mijlpaal (met correcties)","Trajecten",{"200":ok(ref("Mijlpaal")),**err(404,410,503)},params=[TRAJECT,MIJLPAAL],
    desc="Ook voor een ketenpartner of beheerder die terugroept waar een notificatie naar wijst (resourceUrl), binnen de eigen gemeenten.",
    rollen=["klantmanager","ketenpartner","beheerder"])},
 "/trajecten/{trajectId}/mijlpalen/{mijlpaalId}/correcties":{"post":op("corrigeerMijlpaal","Corrigeer de datum of details van een mijlpaal","Trajecten",
    {"201":ok(ref("Correctie"),"Vastgelegd",HL),"200":ok(ref("Correctie"),"Herhaling met dezelfde Idempotency-Key en inhoud"),**err(404,409,*W)},params=[TRAJECT,MIJLPAAL,IDEM_REQ],rb=body(ref("NieuweCorrectie")),
    desc="Een nieuw feit; fase, doelgroep en termijnen worden opnieuw bepaald uit de gecorrigeerde reeks. Past de gecorrigeerde reeks niet bij de regels van het traject, dan 409.",rollen=["klantmanager"])},
 "/trajecten/{trajectId}/mijlpalen/{mijlpaalId}/intrekking":{"post":op("trekMijlpaalIn","Trek een ten onrechte vastgelegde mijlpaal in","Trajecten",
    {"201":ok(ref("Correctie"),"Vastgelegd",HL),"200":ok(ref("Correctie"),"Herhaling met dezelfde Idempotency-Key en inhoud"),**err(404,409,*W)},params=[TRAJECT,MIJLPAAL,IDEM_REQ],rb=body(ref("NieuweIntrekking")),
    desc="De mijlpaal telt daarna niet meer mee; de geschiedenis blijft. Een intake onder een latere diagnose intrekken is 409.",rollen=["klantmanager"])},
 "/trajecten/{trajectId}/nazorg":{"post":op("legNazorgVast","Leg de uitkomst van de nazorgcontrole vast","Trajecten",
    {"201":ok(ref("Nazorg"),"Vastgelegd",HL),"200":ok(ref("Nazorg"),"Herhaling met dezelfde Idempotency-Key en inhoud"),**err(404,409,*W)},params=[TRAJECT,IDEM_REQ],rb=body(ref("NieuweNazorg")),
    desc="Na de uitstroom: is de persoon op die datum nog aan het werk of in opleiding? Hierop wordt duurzame uitstroom gemeten. Vóór de uitstroom: 409.",rollen=["klantmanager"])},
 "/trajecten/{trajectId}/herbeoordelingen":{"post":op("legHerbeoordelingVast","Leg vast dat de periodieke herbeoordeling is gedaan","Trajecten",
    {"201":ok(ref("Herbeoordeling"),"Vastgelegd",HL),"200":ok(ref("Herbeoordeling"),"Herhaling met dezelfde Idempotency-Key en inhoud"),**err(404,409,*W)},params=[TRAJECT,IDEM_REQ],rb=body(ref("NieuweHerbeoordeling")),
    desc="Zolang het traject loopt (na de intake, vóór uitstroom of beëindiging). De verschuldigde herbeoordeling is daarmee gedaan (het aandachtspunt herbeoordeling-nodig verdwijnt); de volgende valt een periode na deze datum. Een afgesloten traject of een datum vóór de intake of de vorige herbeoordeling: 409.",rollen=["klantmanager"])},
 "/werkgevers/{kvkNummer}":{
    "put":op("registreerWerkgever","Registreer of wijzig een werkgever","Werkgevers",{"201":ok(ref("Werkgever"),"Geregistreerd",HL),"200":ok(ref("Werkgever"),"Gewijzigd"),**err(*W)},params=[KVK],rb=body(ref("WerkgeverGegevens")),rollen=["werkgeversadviseur"]),
    "get":op("getWerkgever","Een werkgever met plaatsingen en vacatures","Werkgevers",{"200":ok(ref("Werkgever")),**err(400,404,503)},params=[KVK],rollen=["werkgeversadviseur","klantmanager"])},
 "/werkgevers/{kvkNummer}/vacatures":{"post":op("plaatsVacature","Plaats een vacature","Werkgevers",{"201":ok(ref("Vacature"),"Geplaatst",HL),"200":ok(ref("Vacature"),"Herhaling met dezelfde Idempotency-Key en inhoud: de vacature van toen"),**err(404,409,*W)},params=[KVK,IDEM_OPT],rb=body(ref("NieuweVacature")),
    desc="Met een Idempotency-Key is opnieuw proberen veilig: dezelfde sleutel en inhoud geven de eerder geplaatste vacature (200), dezelfde sleutel met andere inhoud 409.",rollen=["werkgeversadviseur"])},
 "/werkgevers/{kvkNummer}/vacatures/{vacatureId}":{"get":op("getVacature","Eén vacature","Werkgevers",{"200":ok(ref("Vacature")),**err(400,404,503)},params=[KVK,pp("vacatureId","Id van de vacature.")],rollen=["werkgeversadviseur","klantmanager"])},
 "/verwerkingen":{"get":op("getVerwerkingen","Het toegangslog van één betrokkene","Beheer",{"200":ok(ref("Verwerkingen")),**err(400,503)},
    params=[{"name":"clientId","in":"query","required":True,"description":"De clientId van de betrokkene.","schema":{"type":"string","pattern":"^cl-[a-z2-7]{26}$"}}],
    desc="Elke lees- en schrijfhandeling op persoonsgegevens, ook weigeringen; dit opvragen wordt zelf ook gelogd.",rollen=["beheerder"])},
 "/gebeurtenissen":{"get":op("getGebeurtenissen","Trajectgebeurtenissen als CloudEvents, vanaf een positie","Gebeurtenissen",{"200":ok(ref("GebeurtenissenPagina")),**err(400,503)},
    params=[NA,
            {"name":"aantal","in":"query","required":False,"description":"Hoogstens zoveel gebeurtenissen (1–1000, standaard 100).","schema":{"type":"integer","format":"int32","minimum":1,"maximum":1000}},
            GEMEENTEN, SOORTEN, TYPE],
    desc="Elk gepubliceerd feit (traject gestart, mijlpaal geregistreerd/gecorrigeerd/ingetrokken, termijn verstreken, herbeoordeling vastgelegd, nazorg vastgelegd, traject of cliënt verhuisd) in de volgorde van vastleggen, als CloudEvent 1.0 (NL GOV-profiel, zonder BSN, naam of vrije tekst). Een verhuizing hoort bij de gemeente die de cliënt verlaat én bij de nieuwe. Ga verder met na=volgende: dat is de positie tot waar gelezen is, ook voorbij feiten die het filter oversloeg (een volle pagina: de laatste gebeurtenis; anders het einde van het log). Een positie die gelezen is, blijft gelezen: latere feiten krijgen altijd een hogere positie. Een positie voorbij het einde is 400 en noemt het einde.",
    rollen=["ketenpartner","beheerder"])},
 "/gebeurtenissen/stream":{"get":op("streamGebeurtenissen","Trajectgebeurtenissen als Server-Sent Events","Gebeurtenissen",
    {"200":{"description":"text/event-stream: per gebeurtenis id (de positie), event (het type) en data (de CloudEvent als JSON); commentaarregels als hartslag.","headers":H,
            "content":{"text/event-stream":{"schema":{"type":"string"}}}},**err(400,429,503)},
    params=[NA, GEMEENTEN, SOORTEN, TYPE,
            {"name":"Last-Event-ID","in":"header","required":False,"description":"Hervatten ná de laatst ontvangen positie; gaat voor na.","schema":{"type":"string"}}],
    desc="Levert elk gepubliceerd feit zodra het is vastgelegd (filters als bij GET /gebeurtenissen); na een onderbreking hervat Last-Event-ID zonder gaten of herhalingen. Hoogstens Api:StromenPerGebruiker stromen per gebruiker en Api:StromenPerSilo per silo (429).",
    rollen=["ketenpartner","beheerder"])},
 "/abonnementen":{
    "post":op("maakAbonnement","Abonneer een webhook op trajectgebeurtenissen","Abonnementen",{"201":ok(ref("Abonnement"),"Aangemaakt",HL),**err(409,*W)},rb=body(ref("NieuwAbonnement")),
      desc="Zoals de VNG Notificaties API: callbackUrl, auth (de letterlijke Authorization-header naar de callback) en kanalen met filters. Elke aflevering is ondertekend volgens Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature: v1,base64(HMAC-SHA256(geheim, id.timestamp.body))); het geheim staat eenmalig in dit antwoord. Een ontvanger die 410 Gone antwoordt, beëindigt het abonnement. Aflevering begint bij het huidige einde van het log, in volgorde, met een cursor per abonnement; een mislukte aflevering wordt herhaald met exponentieel oplopende wachttijd, na een aantal mislukkingen is het abonnement 'falend' (ook als metric) tot een aflevering weer lukt. Een notificatie heeft hoofdObject (het traject) en resourceUrl als absolute URL's die de abonnee mag opvragen; resource en actie per type: traject/create (gestart), mijlpaal/create, mijlpaal/update (gecorrigeerd), mijlpaal/destroy (ingetrokken), termijn/update, nazorg/create, herbeoordeling/create, traject/update (verhuisd); kenmerken.type is het CloudEvents-type, webhook-id het id van de CloudEvent.",
      rollen=["ketenpartner","beheerder"]),
    "get":op("getAbonnementen","Je eigen abonnementen","Abonnementen",{"200":ok(ref("Abonnementen")),**err(503)},rollen=["ketenpartner","beheerder"])},
 "/abonnementen/{abonnementId}/opnieuw":{
    "post":op("abonnementOpnieuw","Probeer de volgende aflevering nu","Abonnementen",{"200":ok(ref("Abonnement")),**err(404,409,503)},params=[pp("abonnementId","Id van het abonnement.")],
      desc="Wacht niet op de oplopende wachttijd na mislukte afleveringen. Een beëindigd abonnement (410 Gone) is 409.",rollen=["ketenpartner","beheerder"])},
 "/abonnementen/{abonnementId}":{
    "get":op("getAbonnement","Eén eigen abonnement met zijn stand","Abonnementen",{"200":ok(ref("Abonnement")),**err(404,503)},params=[pp("abonnementId","Id van het abonnement.")],rollen=["ketenpartner","beheerder"]),
    "delete":op("verwijderAbonnement","Beëindig een eigen abonnement","Abonnementen",{"204":{"description":"Verwijderd","headers":H},**err(404,503)},params=[pp("abonnementId","Id van het abonnement.")],rollen=["ketenpartner","beheerder"])},
 "/signalen":{"post":op("ontvangSignaal","Meld een signaal uit Wmo, Jeugd of Schuldhulp","Signalen",
    {"202":ok(ref("SignaalOntvangst"),"Ontvangen; het verschijnt in het klantbeeld zodra de persoon cliënt is"),**err(409,*W)},params=[IDEM_REQ],rb=body(ref("NieuwSignaal")),rollen=["wmo-consulent","jeugd-consulent","schuldhulpverlener","ketenpartner (eigen domein)"])},
}
doc={
 "openapi":"3.0.3",
 "info":{"title":"Trajecten API","version":"1.0.0",
   "description":"Re-integratie- en participatietrajecten onder de Participatiewet, met één integraal klantbeeld over Wmo, Jeugd en Schuldhulp. Een BSN staat nooit in een URL; cliënten hebben een opaque clientId. Fouten zijn application/problem+json.",
   "contact":{"name":"Team Trajecten","email":"trajecten@example.nl","url":"https://example.nl/trajecten"},
   "license":{"name":"EUPL-1.2","url":"https://eupl.eu/1.2/nl/"}},
 "servers":[{"url":"/api/v1","description":"Deze omgeving"}],
 "tags":[{"name":"Discovery","description":"Landingsdocument en dit document"},{"name":"Cliënten","description":"Registratie, zoeken en het klantbeeld"},{"name":"Kengetallen","description":"Cijfers voor management: per gemeente per maand, zonder personen"},
   {"name":"Trajecten","description":"Trajecten en hun mijlpalen"},{"name":"Werkgevers","description":"Werkgevers, vacatures en plaatsingen"},{"name":"Signalen","description":"Signalen uit andere domeinen"},{"name":"Beheer","description":"Toegangslog"},{"name":"Gebeurtenissen","description":"Trajectgebeurtenissen voor back-officesystemen"},{"name":"Abonnementen","description":"Webhooks op trajectgebeurtenissen"}],
 "paths":paths,
 "components":{"schemas":schemas,"responses":responses,
   "securitySchemes":{"bearer":{"type":"http","scheme":"bearer","bearerFormat":"JWT","description":"Een JWT met de claims sub, rol (een of meer) en gemeente (een of meer, of regio); ketenpartners ook domein."}},
   "headers":{"API-Version":{"description":"De volledige versie van de API.","schema":{"type":"string","example":"1.0.0"}},
              "Location":{"description":"De URL van de aangemaakte resource.","schema":{"type":"string"}},
              "ETag":{"description":"De versie van de cliënt; noem die in If-Match bij een wijziging.","schema":{"type":"string","example":"\"3\""}},
              "Link":{"description":"RFC 8288: de volgende (rel=next) en vorige (rel=prev) pagina.","schema":{"type":"string"}}},
   "parameters":{
     "IdempotencyKeyVerplicht":{"name":"Idempotency-Key","in":"header","required":True,"description":"1–200 zichtbare ASCII-tekens. Dezelfde sleutel met dezelfde inhoud geeft hetzelfde antwoord en legt één feit vast; met andere inhoud 409.","schema":{"type":"string","maxLength":200}},
     "IdempotencyKeyOptioneel":{"name":"Idempotency-Key","in":"header","required":False,"description":"Optioneel: een herhaling met dezelfde sleutel opent geen tweede traject.","schema":{"type":"string","maxLength":200}}}},
}
DOEL.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
