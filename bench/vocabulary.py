"""Word lists for the synthetic corpus, most frequent first.

Drawn once from the hub's demo content (hub/demo/data.py) and the movement's public texts;
frozen here so the corpus does not change when the demo does. Sampled with Zipf weights,
so common words are in most pages and the tail in very few, as in real text.
"""


def _words(text):
    return text.split()


EN = _words(
    """
the and to in of community local for development with that is on what it from are their how communities we this or
by government plan governance they planning as people work at not our will learning national can action be who
public residents priorities where data led have members solutions through county localisation one participatory
scale which your them partners regional village do each movement own plans an than its participation social ward
budget governments process challenge organisations coalitions into many mapping shared transformative ayil cld
diaspora finance groups three citizens inclusion methods chapter rural together when you country level needs
question self working crowdsourcing cycle has money new women accountability asdc barangay making most projects use
design first health international pilot resources so was works asset existing more us actors change does energy ftt
kyrgyzstan partnerships value agree already budgeting citizen countries locally please rather risk set staff up
villages year based donors funding group municipal positive share there add agenda between but facilitation
fieldbridge including meeting municipalities part partner power programme results these were workshop annual
approach before budgets build council deviance grassroots if often out policy programmes scorecard small take undp
water young about around coalition councils de demilge gap hvp map mining need officials over philippines services
should support tamarind test two active also associations brief case ethnographic help means model municipality name
neighbourhood okmotu other outside participants per problem provide sense session time youth above all better civic
collective committees common communes could creation crowdfunding entry every experience fund funds investment next
only peru project same service society systems tools trust user usually whether after blgi bring colombia committee
different donor equality evidence funded grant ideas identified joint kitui la mutirao office partnership points
scorecards such thinking under used using wards would administrative cc cent chapters commune decision directly
explore five gender guajira kenya kg large make meetings pdf practice providers relevance revenue run sector
supporting term themselves then those understand volunteers while agreed agreement analysis both capacity children
civil collaboration commit direct elected empowered engagement ethnography financing find formal four framework
helps initiative intelligence leaders leadership lsgs may point pooled possible practices proximate questions
regions round second see sharing signals signed state study sure weak well years acclab act areas ask behind
building climate decentralisation decisions digital education enough evaluation exploring facilitator follow funders
goals had institutions keep key language learn like migrants migration multi ngos no ownership places platform
policies report sets shifting socioeconomic stakeholder stakeholders statement still terms training understanding
vision visioning access achieng activists against agencies answering approaches asia because become bishkek changed
changes choice combined day description disaster district early economic example facilitators food gaps generated
global glossary grace house household households important inclusive insights instead ke know levels list little
livelihoods makes method methodology moquegua move must ndiaye nutrition organisation paper ph phase portuguese
present rarely real relating resilience result room rules sanitation scores short show side simple since skills
sources start started teams technical territorial toolkit transfers want across actually agriculture aissatou aizada
alongside america any arango assessment assets back becomes been belong beyond capital central child cities come
communautaire comparable compared concrete control conversation decide delegates discussion document documents
during ends facebook facilitated families feeding field finding findings flexible form forming foundation full
future goal harvesting holloway home hub hybrid identify include informal information interface journeys kyrgyz late
lessons link lowest lucia made matching member mutir negotiating networks ones online open others outcome parter
person portfolio practitioners predictable problems proposals purok pursue rebecca recommendations region requires
research responsible say seminar senegal separate several signs sn solve some specific starting sustainable team
template things tier toktosunova unusual washington way ways why without worked abcd accountable addressing among
answer asks assemblies assembly audit authority basic bautista began behavioural big built cajamarca centre
challenges charge city close collected commitments committed compare concept conduct contribute core costed costs
daniel delivering departmental describe describes dialogue discuss draws eight engage environment especially
everyone facilitate feed few fiscal forums free goes good grassroot grid hall hearings held here hold iloilo
implementation importance improve income indicators individual innovators instagram intermediaries joel karakol
kiprono lab lack least life linking live mainly mateo membership ministry mobiliser mothers neighbours network now
np objective official organizations ourselves pandemic papers past pe political prepare priya processes produce
proof publicly publishing put quispe raman reach reaching recognise reports representatives score security sessions
single solar something space stages step subnational subsidiarity supports surveys system theory tool towards
treating try twelve unmet urgency useful users veloppement waiting webinar window workers written abroad accelerator
achieve actions activities activity adapted added advocates africa agency agrees aid alliance alliances alone
analyse animation animators applying ashworth asked audits avoid awareness bakyt barangays begins behavioral
beneficiaries best bilateral body br brazilian bright bringing brings broad centres cesar colombian column companies
coverage created creating criteria current cycles dakar datasources dc decides deliberate deliver department depend
depth desenvolvimento did differently dispensary dizon doing down dynamics economy efforts else empowerment endorsed
event events execution exercise exist explains facility far feedback female financial focus following french
frontier gave generate gives go governed grow growing hackathon half happen harambee heard hearing heavily higher
hypotheses implemented influence initiatives innovative institute integrated interested interventions investments
issyk itself kaffrine kanykei known kul labour lasting law le lead leaving legal less lines linkedin links london
look main maintains maps maputo marginalised maricel mayor mechanisms meet met migrant million ministries missing
mobilisers mobilization monitor mw named near needed negotiate nepal ngo notes off officer offices okafor once order
organising osmonov pay pilots place platforms pledge potential press principle priority published purpose pushing
quarterly raise reached recife recorded relate remain reporting representative resource respond review reviewed
roles rose routine running runs sadykova samuel savings saw sdgs sem setting sheet shift showed sides simplified
situation someone south spaces speak speakers speaking spent spots stage starts stop sub submit supported survey
table taking talk ten tested text thematic think tied tom tracking transfer treated turn uk underweight unique
university urban usage uses very visayas wait wall website websites went whom whose words yet youtube accelerate
accompaniment accounted achieved address adoption advance affect affordable agreeing allows along always amount
another answers applications appropriate approved area asking attached audience available background being benefit
benefits bet boreholes brazil briefing brokering busan camila campaign campaigns campesino cannot capitals caribbean
carried charity cheaper check closest comes comparison complaints comunit conducted conflict connect consultations
contact context contributions convenes coordinated coordinates cope copy costing councillors counties covers covid
create creative crisis cultural custom days decentralised deciding declaration declared declining default defined
delivered delivery demand departments depended dependency dependent depends described designed designing designs
developed dimensions disabilities disagree discussed discussions diverse documented documenting done driven dumangas
duties ecosystem effort either elections enabled end engaged english europe evacuate even evening everyday
exemplifies exists expect expert expired explain exploratory facilitates facilitating fade fc fed ferreira financed
fisherfolk floods focal follows fostering found fundaci funder futures game give giving grain grants great green
grouping gt guide happened hard hazard heads hills holds however human improvements incentives includes increase
increasingly independent india individuals ineffective inform ingos ingrid innovations inquiry inside
institutionalisation interpretation intervention invented involved issues items job joining jointly justice
kavrepalanchok keeps knowledge last launched leads learned leave library liderado lienne limits linked listen lists
long lots low malawi mali management mandate manila mark market maternity matrix matter matters maximum meals
meaningful meant memorandum men messages mid middle might mindsets minimum missed mistakes ml mobilizer models
modest month months mostly mou mous moussa moved mozambique much multilateral mutual mz names naryn necessary
neighbourhoods neighbouring neither never nor normal norms nourished nurse observation older openly opens operators
organised organize origin owned owns parallel paris participate participating participativo pattern peers peri
photos physical picture planners poor pour prepared preparing presented presents president primary prioritisation
pro profile program programs promote proposition protection prototype provider province publish putting qualitative
quarter quickly raised rate reaches read reasons receive recipients recognised recognition recognizing records
recover reference reflect regardless related relations relationship relationships release relevant replacing
respondents response responsibility rights riohacha roads role roughly routes sa sah said school schools searching
seat secretariat secretary seek send separately serve settlement she shows similar sit sits six size smaller solberg
solution sometimes spend staffing standard standing steps strategic strengthening structure subsidies suggest
sustainability sustained taken target tax taxonomy tejido templates tend terminology testing therefore third thus
timeline times too took top town track tracker trained traore trusted turns tweet type typical typically unit units
universities unresolved unusually uptake valledupar villageois visions visited visits voice voices volunteer vote
vulnerable walk walks wayuu webinars welcome western wherever wolof world zone able academy accelerated acceptable
accessible acci accompanies accompanying accomplish accord according account achieving acompa actively activism
activist acts actual adapt adapting adaptive adding addition addressed adjusted administration administrations
administrator admit adopt advanced advantages advice advocacy advocate affairs affecting afro afterwards age agendas
agility aide aim aims ake allocated almost aloud alt ambushed amento american amiento amounts analysing andes angola
animador annexes announced answerable anyone anything ao appear appeared appearing application apply appointed argue
argues arrive arrives ash aspirations assess assigned assistanat associa association assumed assumes atlantic atr
attend attended attends attitude attract attracted attributed auditorium authors automatically availability away
backwards bairro ballot bangladesh barely barsyngby base baseline basis bayanihan bd bearers became becoming begin
behave believe believes below beneficiary bf bigger binding block boards boats bogota bootcamp borehole born borrows
bowl box boys branding briefings brining broker brought budgeted builder buildings burkina business businesses
bypass bypassed calendar called calls came candidate captains captured card care carries carry carrying cases cast
catalyst causing cdp center cfa chain challenging champions chance changana changing channel characterizes
characters charters chat checked chiefs choices choosing chosen church citoyen ciudadana classification classroom
click clinic closing coaching cohesion coin coletivo collaborate collecting collection collectivit collects collide
combine combines combining coming comit commission commitment committing commun communaut company comparative
compares comparing competition complain complements complete compliance components comunal comunidad comunitario
concepts concern concerned conditions conduit conference configuration confusion connecting connects consensus
considers consistent constrain constrains constraints consult contexts continuation continue continues continuing
contr contributed contributes convene convenio conventional convergence conviction cooked coopera cooperaci
cooperation cost costings councillor cover covered creates credit crises critical crossed csc csos culturally
culture customary cut dams database date dates deadline deal debate debates decent decentralization decline
decreases defending deficits dejar del delays deliberately deliverables dem demonstrably demonstration desarrollo
descentralizaci descriptions develop developers deviant deviants devised devolution devolved diagram dialogues
diarrhoea difference differences difficult digitalisation digitalization diligence dimension directorate disability
disbursements discourse discovering discusses disenfranchised dispensaries dispersed dispute disputes distance
distant distinction diversity don door draft drafted drawing drawn dream dried driving droughts due duty eager
earlier earmarked east ec ecuador effect effective effectiveness effects election electricity elif elim elsewhere
elusive embedded embedding emerging emphasises empowering enable encourage endorsers ensuring entitlements envision
equal equally equipment establish et etc ethnicity evaluated ever everywhere ex exception exchanged exchanges
exchequer exclusion exercised exercises existent exit expected expecting expenditure expensive experimenting
experiments explicit exploration explored explorers exposed expressed extended extensions externally extra
extractive face facilities fails fair fairly fallen falling farmers farming faso fathers fatigue favours featured
features feel fees felt fiche fields fieldwork filed filipino filled filter final finally finds finishing fish fit
fixes flagship flexibly flood floor flows focused focuses fonds foods football forces formats forms forum foster
frameworks francs frank freely friction front fully function functions fundraising furthest gained gains gathered
gathering gb general generation generators get gets getting girls goodwill gov govern governs grandparents grantees
ground growth guarantee guaranteed guided guidelines guides guiding habits hack handed handful handing handle
handover handwashing harder harness hazards he hear heated heavier heavy helped herders highest hill histories
history hn holding homes horizon hour hours huam humanitarian hundreds ict identifies identifying identity ideology
iframe ignore image imagines imdl img impact impactful implement implementer implementing importing impractical
incentive inclusiveness incomes incorporate increasing indicate indicated indicator indigenous individually
industries informed innovation input inputs inspired institutional instituto intended intensified interaction
interest intergovernmental interior intermediate intervene interview interviewed introducing inventories inventory
inventorying invest investing invitation invoices iom isn issue issykkul jamaat jeenbekov jeopardized joao join
joins judge judged junta just kazakhstan keen kilometres kitchen knowns knows kz labs lacks lags land landslide
languages largely latin latlng launch lazy learningplan learns leaves legally legitimacy legitimate lentils les
lesson let lets letters letting lever leverage liaison lighter likely lima limited line listens listing livelihood
ll load loading localizaci localization localmente logframe logic looking looks loop loops lost loudest lower
lunchtime lusophone luzon machinery macuacua maintained makers makueni manage mapeamento mapeo mapped marginalized
marked mastodon match matches materials mayors mean meaning measurement measuring mechanism media medical medicines
meerimduu memoranda mentioned mercy merging mesa message metropolitan micro mill mills minecraft mines minorities
minority mobilising mobilize mobilizers modus monitored monitoring moradores mosques mother moving multiple
multistakeholder muster mvp mwingi myktyaimak myrza nadie nairobi narrow natural nc nd ne negotiation niger nobody
non none note noted nothing numbers numerous observe offer offers officers old ombudsman oneself onto opened
operandi operation opinions opportunities opportunity optimism options organise organization original otherwise
otieno ours outcomes outreach overarching overcome overhead overlaps overseas owe owning page pages paid pandemics
panel par participated participatif particularly partly pass passes pasture patients paused paving pays peace peer
perceive perceived perception perceptions performance persistent personal peruvian phases phrase pick pieces piloted
pin pipeline pitch placed planned play pledges poder policymaking politically pooling poorest population populations
por portal portfolios portion poses potencialidades potentially practical preparation presence presupuesto previous
principles printable printed procedures producer produces producing product products progress promise promised
promoters promotes prone proposal propose proposes protocole prototyping provided provides providing provision
publique pulaar pulled puroks purposes pursues pursuit quantify quantitative quieter ran ranging rank ranked ranking
rated reads ready realistically reality reason receipts received recent recently recognized reconstruct recovery
recruited redistribuci reduce reduction reflected reflecting reforms register regretfully regulation relatively
relied remains remittances renewable renting repair repairs repeat repeated replace reported represented request
requests require requirements reserved respect respectively responsibilities resulting rethink retired reveals
reverse reviews revise revisited ria ride rio rises rolls rotating rounds rule safe sahel sahelian sand satellite
satisfy saves scaled scaling scanning scattered scheme schemes scoring seasonal seats secretaries section secure
seeing seldom selection seminars sensemaking sensibly separates serves settled settlements seven sex shaped shocks
shortened shouts showcased showing shrinks significance significant simply simultaneous site sites
"""
)

FR = _words(
    """
les et de des la le un communautés est que une du par pour qui leurs aux ce développement sur avec locales
localisation acteurs commun dans locale pas conduit il membres mouvement où pays qu au cette collectivité
collectivités dcc démarche nationaux organisations priorités se action bailleurs changement communautaire
comparables dont définir elles facilitation faire internationales jusqu langage leur locaux mais manière moins
nationale nationales notes ong ont plus pratiques sans usagers vers échelle être accompagnement agir aide analyse
appui capacités cas chacun coalitions colombie communauté conduite cycle dialogue discussion décision elle
enseignements entrée espace eux financement financements glossaire groupe général maison méthodes ne nombreux note
objectif on partenariat philippines plan planification plans plateforme pouvoir praticiens prestataires problème
processus programmes projet propres publics pérou reste service société soient souple transfert transformateur
travail trois vision voix échelon étude accompagner accorde accordent accueil accès adaptés adopter advenu
affectation afin agences agenda agissent agit aident aller ampleur analysent animation apporte apportent
apprentissage approprie appuient arrête arrêter assument attente aussi autres besoin bien bon bourse bout boîtes
budget budgétaires budgétisent capables capitale carte cause cesse change chaque chaîne choix civile coalition
cofinancer commandes comme comment communes comparable comparent comporte composante compte comptent conception
concernent concrètement concrétiser confiance conflits confrontent consacrée conseil construction consultations
continuent conviction conviennent conçoit cordons correspondre cours coûteuse cœur davantage depuis devenir
deviennent devraient dire direct directe diriger discrètes disponibilité document doit donateurs donc donnent donner
durable durables début décide décider décisions décrites décrivent dépend désignent effectif enfin ensemble entend
entendues entièrement entre exemple explique expériences extérieurs exécution facilitateur faisable fait faut
financée fixent fois fonction fonds formel formule fourniture frais gens gouverne gouvernement gouvernements
gouvernent grand grande gratuite groupes généralement géré habitants ignorer inclusif indicateurs infranationaux
initiative inscrit intention interface internationaux intervention largement levier libre lien lignes maître
maîtresse membre mesure ministères minières mobilisateurs mondiale montre mots multi médicaments mérite métier même
mêmes naissent non normale notent noter notre noté officiels opposent ordinaire organisation organisent orientation
ou outil outils ouvrent ouvrir partage partagé partenaires parvenir patients personnes peser peut place plaider
planifie planifient points politique politiques ponctuelles porte porté pose poste pourtant premier premiers presque
principal proche programme projets propositions précis présente prévisible prêts publications publiés puis quatre
quelques questions ramène rattache recettes recommandations reconnaissance reconnaissent reconnaît recouvre
redevabilité rencontre renforcent renforcer repris repéré respect retenu revient risques réellement régionaux
régions réponses réseaux résoudre résultat résultats résume réunies réunion réussite rôle rôles sa santé savent
score secteur sections services ses session seulement sites situation sociale solutions son soutient souvent stade
structure succession suivant sujets systèmes séparément séparés tandis tant technique telles temps tenir terme
termes terminé tient tire touche tout traits travaillant travaillent travailler traverser trouverez très unes veille
"""
)

ES = _words(
    """
de la que el los un las por con para se una del comunidad comunidades desarrollo locales lo local sus localización
nacionales no gobierno liderado miembros movimiento más actores gobiernos hasta organizaciones prioridades proceso
sobre su común escala internacionales países recursos sin aprendizajes comparables desde dlc este facilitación forma
hacer lenguaje nacional ong quienes quién suele transformadora usuarios acción acordar actuar alianza análisis ayuda
calificaciones cambio capacidades caso coaliciones colombia comparan comunitaria conjunto control conversación
cooperantes cómo decisiones definan después diálogo documento donde entrada espacio esta está experiencias filipinas
financiación flexible glosario grupo importante junto llegar menos meta muchas métodos nivel nota organización otros
pero personas perú plan planeación planes plataforma poder política prestadores problema programas propios proyecto
públicos qué ronda sigue sociedad tener trabajan trabajo trato vincula visión web abarca abierto abogando abrir
acompañamiento acompañan acompañantes acompañar actúan acuerdan acuerdo adapten adoptar afectan agencias agenda al
algunos aliados allí ambas amplio analizan anclada animación aportan apoyan aprendizaje apropie aquí asegura
asesoría asumen así aun base buena cada cadena cajas calificación califican calificar calladas cambia capaces capaz
capital capítulos caseríos central cercano civil coalición cofinanciar como comparable comparar comparten compartido
comunitario concreto conectado conectar confianza conflictos construir consultas convicción cosas costos cuando
cuatro cuenta cuenten cuesta curso debe deben deberían decide decidir decisión definen definir deje depender
describan digno dinero directa directamente dirigirlo discrepan diseña diseño disponibilidad dispuestos documentos
donantes duradero ejecutoras ejemplo elegido elegir ello embargo encontrará encuentros energéticas entiende
entienden equivale escucharon escuchen ese eso espera estar estudio estudios eventos evidencia existe explican
externos facilitadora falta final financiada financiadores formal formales formar fortalecen fortalecer función
general gente global gobierna gobiernan gran grande gratis grupos guiar habilidad habitantes hacia hagan herramienta
herramientas identificaron ignorar importan incluyente indicadores indirectos iniciativa intercambio interfaz justo
le liderada liderazgo llega luego maneja manejar manera manos mantiene medicamentos mide miembro mientras minería
ministerios misma movilizadoras muchos multiactor mundial municipios mérito necesitan nombres normal nuestra
organizan palabras palanca papel papeles parte partes partida partidas pase pasos pasó país pendiente permanentes
persigan personal planifica planifican plantea políticas posible practican pregunta prestar presupuestan
presupuestarias presupuesto previsible primer primeros procesos programa propias propuestas proyectos práctica
publican puede puerta puesto punto puntos puntuales quedarse rasgos real realidad realizar recoge recomendaciones
reconoce reconocerlo reconocimiento reconozcan redes regional regionales reparto resolver respuestas resultado
resultados resume reunión revisa reúnen riendas riesgos salud sector seminarios sentencia separado separados ser
servicio servicios sesión siendo sigan significa siguiente sistemas sitios situación social soluciones son sostiene
subnacionales suelen suma surgen sí también tantas tanto tarjeta termina territorial territorio tiempo tipo todo
toma tomen totalmente trabaja trabajando trabajar trabajos trae trasladar
"""
)
