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
IDEM_REQ={"$ref":"#/components/parameters/IdempotencyKeyVerplicht"}
IDEM_OPT={"$ref":"#/components/parameters/IdempotencyKeyOptioneel"}
CLIENT=pp("clientId","Opaque, stabiele id van de cliënt (nooit een BSN).","^cl-[a-z2-7]{26}$")
TRAJECT=pp("trajectId","Id van het traject.","^tr-[a-z2-7]{26}$")
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
instr=["scholing","werkstage","proefplaatsing","loonkostensubsidie","loondispensatie","jobcoaching","werkplekaanpassing","participatie","vrijwilligerswerk","beschut-werk"]
redenen=["werk","opleiding","overig","verhuisd","uitkering-beeindigd","medische-redenen","geen-medewerking","overleden"]
doelgroep={"type":"string","enum":["volledig","beperkt","beschut","zorg"],"description":"Volgt uit de diagnose: loonwaarde > 80 volledig, 20–80 beperkt, < 20 beschut; zorg: true geeft zorg."}
schemas={
 "Probleem": s({"type":{"type":"string","format":"uri"},"title":st,"status":{"type":"integer","format":"int32"},"detail":st,"instance":st},
   ["status","title","detail"], "RFC 9457 problem details. Bij 400 staat bovendien het lid invalidParams in het antwoord: een lijst {name, code, reason} met elk probleem (zoals de Haal Centraal API's)."),
 "Link": s({"href":st,"templated":{"type":"boolean"}},["href"]),
 "Landing": s({"naam":st,"versie":st,"omschrijving":st,"links":{"type":"object","additionalProperties":ref("Link")}},["naam","versie","links"]),
 "NieuweClient": s({"bsn":{"type":"string","pattern":"^[0-9]{8,9}$","description":"Burgerservicenummer; moet aan de elfproef voldoen. Staat alleen in de body, nooit in een URL."},
   "gemeente":{"type":"string","description":"Een gemeente van de regio (hoofdletterongevoelig)."},"naam":{"type":"string","maxLength":200},"geboortedatum":date,"klantmanager":{"type":"string","maxLength":100}},["bsn","gemeente"]),
 "Zoekvraag": s({"bsn":{"type":"string","pattern":"^[0-9]{8,9}$"}},["bsn"]),
 "Client": s({"clientId":st,"gemeente":st,"naam":st,"geboortedatum":date,"klantmanager":st,"geregistreerdOp":dt,"trajectIds":{"type":"array","items":st}},["clientId","gemeente","geregistreerdOp","trajectIds"]),
 "NieuwTraject": s({"soort":{"type":"string","enum":["re-integratie","participatie"]}},["soort"]),
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
 "Termijn": s({"soort":{"type":"string","enum":["zoekperiode","herbeoordeling","nazorg"]},"vervaltijd":dt,"verstrekenOp":{**dt,"description":"Wanneer de reminder van de termijn afging."}},
   ["soort","vervaltijd"], "Een termijn van het traject: de zoekperiode en de herbeoordeling lopen vanaf de intake, de nazorg vanaf de uitstroom."),
 "Traject": s({"trajectId":st,"clientId":st,"gemeente":st,"soort":{"type":"string","enum":["re-integratie","participatie"]},"fase":{"type":"string","enum":fasen},
   "doelgroep":doelgroep,"aangemeldOp":dt,"mijlpalen":{"type":"array","items":ref("Mijlpaal")},"termijnen":{"type":"array","items":ref("Termijn")}},["trajectId","clientId","gemeente","soort","fase","aangemeldOp","mijlpalen","termijnen"]),
 "Mijlpalen": s({"trajectId":st,"mijlpalen":{"type":"array","items":ref("Mijlpaal")}},["trajectId","mijlpalen"]),
 "Bron": s({"organisatie":{"type":"string","maxLength":200}},["organisatie"]),
 "Contactpersoon": s({"naam":{"type":"string","maxLength":200},"telefoon":{"type":"string","maxLength":30},"email":{"type":"string","format":"email","maxLength":254}},["naam"]),
 "NieuwSignaal": s({"bsn":{"type":"string","pattern":"^[0-9]{8,9}$"},"domein":{"type":"string","enum":["wmo","jeugd","schuldhulp"]},
   "soort":{"type":"string","description":"wmo: melding, onderzoek, voorziening; jeugd: melding, jeugdhulp; schuldhulp: vroegsignalering, aanmelding, schuldregeling."},
   "datum":date,"bron":ref("Bron"),"contactpersoon":ref("Contactpersoon"),"inhoud":{"type":"string","maxLength":4000,"description":"Blijft in het signaalregister; het klantbeeld toont het niet."}},
   ["bsn","domein","soort","datum","bron","contactpersoon"]),
 "Verwerking": s({"tijdstip":dt,"actie":{"type":"string","enum":["lezen","schrijven","zoeken"]},"objectSoort":st,"objectId":st,"clientId":st,
   "resultaat":{"type":"string","enum":["toegestaan","geweigerd","niet-gevonden"]},"actor":st,"rollen":st,"origine":st,"traceId":st},
   ["tijdstip","actie","objectSoort","clientId","resultaat","actor","rollen"]),
 "Verwerkingen": s({"clientId":st,"verwerkingen":{"type":"array","items":ref("Verwerking")}},["clientId","verwerkingen"]),
 "CloudEventData": s({"trajectId":st,"clientId":st,"gemeente":st,"soort":{"type":"string","enum":soorten},"datum":date,"volgnummer":{"type":"integer","format":"int32"},"mijlpaalId":st},
   ["trajectId","clientId","gemeente","soort","datum","volgnummer","mijlpaalId"]),
 "CloudEvent": s({"specversion":{"type":"string","enum":["1.0"]},"id":st,"source":{"type":"string","example":"urn:nld:oin:00000000000000000000:systeem:trajecten"},
   "type":{"type":"string","enum":["nl.participatiewet.traject.mijlpaal-geregistreerd"]},"time":dt,"subject":{"type":"string","description":"De trajectId (pseudoniem)."},
   "datacontenttype":st,"sequence":{"type":"string","description":"De positie in het log."},"sequencetype":{"type":"string","enum":["Integer"]},"data":ref("CloudEventData")},
   ["specversion","id","source","type","time","data"]),
 "GebeurtenissenPagina": s({"gebeurtenissen":{"type":"array","items":ref("CloudEvent")},"volgende":{"type":"integer","format":"int64","description":"De positie om mee verder te lezen."}},["gebeurtenissen","volgende"]),
 "Kanaal": s({"naam":{"type":"string","enum":["trajecten"]},"filters":s({"gemeente":st,"soort":{"type":"string","enum":soorten}})},["naam"]),
 "NieuwAbonnement": s({"callbackUrl":{"type":"string","format":"uri","description":"Absolute https-URL (http alleen naar deze machine), zonder gebruikersnaam of wachtwoord."},
   "auth":{"type":"string","description":"De Authorization-header die naar de callback gaat."},"kanalen":{"type":"array","items":ref("Kanaal"),"minItems":1,"maxItems":1}},["callbackUrl","kanalen"]),
 "Abonnement": s({"abonnementId":st,"callbackUrl":st,"kanalen":{"type":"array","items":ref("Kanaal")},"positie":{"type":"integer","format":"int64","description":"De laatst afgeleverde positie."},
   "status":{"type":"string","enum":["actief","falend"]},"opeenvolgendeFouten":{"type":"integer","format":"int32"},"laatsteFout":st,"laatsteAflevering":dt,"aangemaaktOp":dt},
   ["abonnementId","callbackUrl","kanalen","positie","status","opeenvolgendeFouten","aangemaaktOp"]),
 "Abonnementen": s({"abonnementen":{"type":"array","items":ref("Abonnement")}},["abonnementen"]),
 "SignaalOntvangst": s({"signaalId":st},["signaalId"]),
 "Signaal": s({"signaalId":st,"domein":{"type":"string","enum":["wmo","jeugd","schuldhulp"]},"soort":st,"datum":date,"bron":ref("Bron"),"contactpersoon":ref("Contactpersoon"),
   "inhoud":{"type":"string","description":"Alleen voor de professionals van het eigen domein (wmo-consulent, jeugd-consulent, schuldhulpverlener)."}},
   ["signaalId","domein","soort","datum","bron","contactpersoon"], "Dát een ander domein betrokken is, en wie te bellen; niet de inhoud."),
 "Aandachtspunt": s({"code":{"type":"string","enum":["schuldhulp-tijdens-traject","jeugdhulp-tijdens-traject","zoekperiode-verlopen","herbeoordeling-nodig","nazorg-controle"]},"omschrijving":st,"sinds":date,"trajectId":st},["code","omschrijving","sinds"]),
 "KlantbeeldTraject": s({"trajectId":st,"soort":st,"fase":{"type":"string","enum":fasen},"doelgroep":doelgroep,"aangemeldOp":dt,"mijlpalen":{"type":"array","items":ref("Mijlpaal")}},
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
 "Werkgever": s({"kvkNummer":st,"naam":st,"gemeente":st,"sector":st,"geregistreerdOp":dt,"gewijzigdOp":dt,"plaatsingen":{"type":"array","items":ref("Plaatsing")},"vacatures":{"type":"array","items":ref("Vacature")}},
   ["kvkNummer","naam","gemeente","geregistreerdOp","gewijzigdOp","plaatsingen","vacatures"]),
}
pdesc={400:"Ongeldige invoer; invalidParams noemt elk probleem.",404:"Onbekende resource.",409:"Geweigerde overgang of conflict (bijv. een Idempotency-Key die al voor iets anders is gebruikt).",
 413:"Body te groot.",401:"Geen of geen geldig bearer-token.",403:"De rol of het domein van de aanroeper geeft geen toegang. Buiten de eigen gemeenten is het antwoord 404, zodat niet blijkt of een cliënt bestaat.",429:"Te veel verzoeken van deze aanroeper; probeer het over een minuut opnieuw.",415:"Body is geen application/json.",503:"Tijdelijk niet beschikbaar; probeer het opnieuw (Retry-After)."}
responses={f"P{c}":{"description":d,"headers":H,"content":{"application/problem+json":{"schema":ref("Probleem")}}} for c,d in pdesc.items()}
W=(400,413,415,503)
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
 "/clienten":{"post":op("registreerClient","Registreer een cliënt","Cliënten",
    {"201":ok(ref("Client"),"Geregistreerd",HL),"200":ok(ref("Client"),"Dit BSN was al geregistreerd: dezelfde cliënt, ongewijzigd"),**err(*W)},rb=body(ref("NieuweClient")),rollen=["klantmanager"])},
 "/clienten/_zoek":{"post":op("zoekClient","Zoek een cliënt op BSN (in de body)","Cliënten",{"200":ok(ref("Client")),**err(404,*W)},rb=body(ref("Zoekvraag")),rollen=["klantmanager"])},
 "/clienten/{clientId}":{"get":op("getClient","Profiel van een cliënt","Cliënten",{"200":ok(ref("Client")),**err(404,503)},params=[CLIENT],rollen=["klantmanager"])},
 "/clienten/{clientId}/klantbeeld":{"get":op("getKlantbeeld","Het integrale klantbeeld","Cliënten",{"200":ok(ref("Klantbeeld")),**err(404,503)},params=[CLIENT],
    desc="Trajecten met mijlpalen, signalen uit Wmo, Jeugd en Schuldhulp (zonder inhoud) en de aandachtspunten van vandaag. Wordt via streams bijgewerkt; bijgewerktOp zegt tot wanneer.",rollen=["klantmanager","wmo-consulent","jeugd-consulent","schuldhulpverlener"])},
 "/clienten/{clientId}/trajecten":{"post":op("meldTrajectAan","Open een traject voor de cliënt","Trajecten",
    {"201":ok(ref("Traject"),"Aangemeld",HL),"200":ok(ref("Traject"),"Herhaling met dezelfde Idempotency-Key: het eerder geopende traject"),**err(404,409,*W)},params=[CLIENT,IDEM_OPT],rb=body(ref("NieuwTraject")),rollen=["klantmanager"])},
 "/trajecten/{trajectId}":{"get":op("getTraject","Een traject met zijn mijlpalen","Trajecten",{"200":ok(ref("Traject")),**err(404,503)},params=[TRAJECT],rollen=["klantmanager"])},
 "/trajecten/{trajectId}/mijlpalen":{
    "get":op("getMijlpalen","De mijlpalen in volgnummer-volgorde","Trajecten",{"200":ok(ref("Mijlpalen")),**err(404,503)},params=[TRAJECT],rollen=["klantmanager"]),
    "post":op("registreerMijlpaal","Registreer een mijlpaal","Trajecten",
      {"201":ok(ref("Mijlpaal"),"Geregistreerd",HL),"200":ok(ref("Mijlpaal"),"Herhaling met dezelfde Idempotency-Key en inhoud: de eerder geregistreerde mijlpaal"),**err(404,409,*W)},
      params=[TRAJECT,IDEM_REQ],rb=body(ref("NieuweMijlpaal")),
      desc="Een traject begint met de intake, gaat alleen vooruit, heeft vóór het plan een diagnose en neemt na uitstroom of beeindigd niets meer aan (409). Een plaatsing noemt een geregistreerde werkgever.",rollen=["klantmanager"])},
 "/trajecten/{trajectId}/mijlpalen/{mijlpaalId}":{"get":op("getMijlpaal","Eén mijlpaal","Trajecten",{"200":ok(ref("Mijlpaal")),**err(404,503)},params=[TRAJECT,pp("mijlpaalId","Id van de mijlpaal.")],rollen=["klantmanager"])},
 "/werkgevers/{kvkNummer}":{
    "put":op("registreerWerkgever","Registreer of wijzig een werkgever","Werkgevers",{"201":ok(ref("Werkgever"),"Geregistreerd",HL),"200":ok(ref("Werkgever"),"Gewijzigd"),**err(*W)},params=[KVK],rb=body(ref("WerkgeverGegevens")),rollen=["werkgeversadviseur"]),
    "get":op("getWerkgever","Een werkgever met plaatsingen en vacatures","Werkgevers",{"200":ok(ref("Werkgever")),**err(400,404,503)},params=[KVK],rollen=["werkgeversadviseur","klantmanager"])},
 "/werkgevers/{kvkNummer}/vacatures":{"post":op("plaatsVacature","Plaats een vacature","Werkgevers",{"201":ok(ref("Vacature"),"Geplaatst",HL),**err(404,*W)},params=[KVK],rb=body(ref("NieuweVacature")),rollen=["werkgeversadviseur"])},
 "/werkgevers/{kvkNummer}/vacatures/{vacatureId}":{"get":op("getVacature","Eén vacature","Werkgevers",{"200":ok(ref("Vacature")),**err(400,404,503)},params=[KVK,pp("vacatureId","Id van de vacature.")],rollen=["werkgeversadviseur","klantmanager"])},
 "/verwerkingen":{"get":op("getVerwerkingen","Het toegangslog van één betrokkene","Beheer",{"200":ok(ref("Verwerkingen")),**err(400,503)},
    params=[{"name":"clientId","in":"query","required":True,"description":"De clientId van de betrokkene.","schema":{"type":"string","pattern":"^cl-[a-z2-7]{26}$"}}],
    desc="Elke lees- en schrijfhandeling op persoonsgegevens, ook weigeringen; dit opvragen wordt zelf ook gelogd.",rollen=["beheerder"])},
 "/gebeurtenissen":{"get":op("getGebeurtenissen","Mijlpalen als CloudEvents, vanaf een positie","Gebeurtenissen",{"200":ok(ref("GebeurtenissenPagina")),**err(400,503)},
    params=[{"name":"na","in":"query","required":False,"description":"Alleen gebeurtenissen ná deze positie (standaard 0).","schema":{"type":"integer","format":"int64","minimum":0}},
            {"name":"aantal","in":"query","required":False,"description":"Hoogstens zoveel gebeurtenissen (1–1000, standaard 100).","schema":{"type":"integer","format":"int32","minimum":1,"maximum":1000}},
            {"name":"gemeente","in":"query","required":False,"description":"Alleen deze gemeente.","schema":{"type":"string"}},
            {"name":"soort","in":"query","required":False,"description":"Alleen deze soort mijlpaal.","schema":{"type":"string","enum":soorten}}],
    desc="Elke mijlpaal in de volgorde van vastleggen, als CloudEvent 1.0 (NL GOV-profiel, zonder BSN). Ga verder met na=volgende; een positie die gelezen is, blijft gelezen: latere feiten krijgen altijd een hogere positie.",
    rollen=["ketenpartner","beheerder"])},
 "/gebeurtenissen/stream":{"get":op("streamGebeurtenissen","Mijlpalen als Server-Sent Events","Gebeurtenissen",
    {"200":{"description":"text/event-stream: per gebeurtenis id (de positie), event en data (de CloudEvent als JSON); commentaarregels als hartslag.","headers":H,
            "content":{"text/event-stream":{"schema":{"type":"string"}}}},**err(400,503)},
    params=[{"name":"na","in":"query","required":False,"description":"Beginnen ná deze positie (standaard 0).","schema":{"type":"integer","format":"int64","minimum":0}},
            {"name":"gemeente","in":"query","required":False,"description":"Alleen deze gemeente.","schema":{"type":"string"}},
            {"name":"soort","in":"query","required":False,"description":"Alleen deze soort mijlpaal.","schema":{"type":"string","enum":soorten}},
            {"name":"Last-Event-ID","in":"header","required":False,"description":"Hervatten ná de laatst ontvangen positie; gaat voor na.","schema":{"type":"string"}}],
    desc="Levert elke mijlpaal zodra die is vastgelegd; na een onderbreking hervat Last-Event-ID zonder gaten of herhalingen.",
    rollen=["ketenpartner","beheerder"])},
 "/abonnementen":{
    "post":op("maakAbonnement","Abonneer een webhook op mijlpalen","Abonnementen",{"201":ok(ref("Abonnement"),"Aangemaakt",HL),**err(*W)},rb=body(ref("NieuwAbonnement")),
      desc="Zoals de VNG Notificaties API: callbackUrl, auth (de letterlijke Authorization-header naar de callback) en kanalen met filters. Aflevering begint bij het huidige einde van het log, in volgorde, met een cursor per abonnement; een mislukte aflevering wordt herhaald met exponentieel oplopende wachttijd, na een aantal mislukkingen is het abonnement 'falend' (ook als metric) tot een aflevering weer lukt.",
      rollen=["ketenpartner","beheerder"]),
    "get":op("getAbonnementen","Je eigen abonnementen","Abonnementen",{"200":ok(ref("Abonnementen")),**err(503)},rollen=["ketenpartner","beheerder"])},
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
 "tags":[{"name":"Discovery","description":"Landingsdocument en dit document"},{"name":"Cliënten","description":"Registratie, zoeken en het klantbeeld"},
   {"name":"Trajecten","description":"Trajecten en hun mijlpalen"},{"name":"Werkgevers","description":"Werkgevers, vacatures en plaatsingen"},{"name":"Signalen","description":"Signalen uit andere domeinen"},{"name":"Beheer","description":"Toegangslog"},{"name":"Gebeurtenissen","description":"Mijlpalen voor back-officesystemen"},{"name":"Abonnementen","description":"Webhooks op mijlpalen"}],
 "paths":paths,
 "components":{"schemas":schemas,"responses":responses,
   "securitySchemes":{"bearer":{"type":"http","scheme":"bearer","bearerFormat":"JWT","description":"Een JWT met de claims sub, rol (een of meer) en gemeente (een of meer, of regio); ketenpartners ook domein."}},
   "headers":{"API-Version":{"description":"De volledige versie van de API.","schema":{"type":"string","example":"1.0.0"}},
              "Location":{"description":"De URL van de aangemaakte resource.","schema":{"type":"string"}}},
   "parameters":{
     "IdempotencyKeyVerplicht":{"name":"Idempotency-Key","in":"header","required":True,"description":"1–200 zichtbare ASCII-tekens. Dezelfde sleutel met dezelfde inhoud geeft hetzelfde antwoord en legt één feit vast; met andere inhoud 409.","schema":{"type":"string","maxLength":200}},
     "IdempotencyKeyOptioneel":{"name":"Idempotency-Key","in":"header","required":False,"description":"Optioneel: een herhaling met dezelfde sleutel opent geen tweede traject.","schema":{"type":"string","maxLength":200}}}},
}
DOEL.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
