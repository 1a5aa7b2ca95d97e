/**
 * English cue lexicon (see cues.ts for the notation). English barely inflects, so most cues
 * are stems (Porter2) or prefixes.
 */
import type { Lexicon } from './cues';

/** English cues. */
export const LEXICON_EN: Lexicon = {
  negators: [
    'not',
    'no',
    'never',
    'nobody',
    'none',
    'didnt',
    'wasnt',
    'werent',
    'hasnt',
    'havent',
    'hadnt',
    'isnt',
    'arent',
    'dont',
    'doesnt',
  ],
  groups: [
    {
      k: 'void',
      cues: '=not =only, =no =less, =no =more, flight* delay*, =no =casualties, =no =one =was =hurt, =beat =the',
    },
    {
      k: 'abuse',
      c: 'arbitrary_detention',
      w: 1,
      cues: 'detain*, detent*:0.8, arrest*:0.7, =rounded =up:1.3, roundup*:1.3, raid*:1, held without:1, =being =held:0.8, =held:0.5, locked in:1.1, locked up:1.1, without charge:0.8, without explanation:1, refus* to explain:1, without access to/2 lawyer:1, filtration:1.2, handcuff*:0.8, taken to/2 police station:1.1, took to/4 police station:1.1',
    },
    {
      k: 'abuse',
      c: 'forced_conscription',
      w: 1,
      cues: 'summons*:0.7, handed summons*/2:1.3, call up paper*:1.1, draft notice*:0.6, taken to/2 enlist*/2:1.3, taken straight to/2 enlist*/2:1.3, drove enlist*/8:1.3, taken draft office/3:1.3, pushed into/2 van:1.3, forced mobili*:1.4, forcibly:0.9, by force:0.9, press gang*:1.2, pressured to/2 sign:1.2, forced to sign:1.1, sent front/3:0.8, told to/2 sign/3 contract*:0.8, registered for military service:0.6, despite deferment:1, had deferment:0.9, go back to the front:0.8',
    },
    {
      k: 'abuse',
      c: 'torture_ill_treatment',
      w: 1.2,
      cues: 'tortur*:1.3, =beaten, beating*:1.1, =beat:0.4, kicking:0.9, =kicked:0.8, electric shock*:1.4, =shocks:0.6, taser*, mock execution*:1.4, ill treat*:1.3, mistreat*:1.2, abuse*:0.6, bruis*:0.7, denied treatment:0.9, without medical:0.8, set dogs:1, forced to kneel:0.9, humiliat*:0.6, rape*:0.8, stress position*, sleep deprivation, forced to record:0.8',
    },
    {
      k: 'abuse',
      c: 'enforced_disappearance',
      w: 1.2,
      cues: 'disappear*:1.2, vanish*:1.2, whereabouts unknown/3:1.4, whereabouts:0.8, abduct*:1.3, kidnap*:1.1, =not =been =heard:1.2, masked men:0.9, refus* confirm*/3:0.8, missing:0.5, unmarked car:1, incommunicado:1.3, =took =him:0.4, =took =her:0.4, deny holding:0.8',
    },
    {
      k: 'abuse',
      c: 'conscientious_objection_denied',
      w: 1.2,
      cues: 'alternative civilian service:1.4, alternative service:1.2, religious belief*:0.5, bearing arms:0.6, bear arms:0.6, refus* military service/3:0.8, pacifist belief*:0.8',
    },
    {
      k: 'abuse',
      c: 'threats_intimidation',
      w: 1,
      cues: 'threat*:0.9, intimidat*:1.1, =warned:0.5, harass*, blackmail*, pressure*:0.4, zeroed, reprisal*, stop making noise:0.8, a visit:0.3',
    },
    {
      k: 'abuse',
      c: 'other',
      w: 0.8,
      cues: 'confiscat*:0.8, seized home*, deport*:0.9, forcibly transferred, taken away:0.5, forced to attend:0.8, evict*:0.6, stripped of pension*:0.9, handed them to:0.4',
    },
    {
      k: 'death',
      w: 1,
      cues: '=died, death*:0.6, =dead:0.6, found dead:1.2, =killed:0.4, suicide:0.8, =body:0.5, =hanged:0.8',
    },
    {
      k: 'political',
      c: 'political_prosecution',
      w: 1,
      cues: 'discredit*:1.6, false information:1.3, fake news:1, =fakes:1, treason:0.9, espionage:0.3, extremis*:0.6, justif* terror*:1.3, rehabilitat* nazism:1.3, anti war:1.3, peace talks:0.5, calling for peace:0.8, political prisoner*:1.2, prisoner* of conscience:1.2, politically motivated:1.3, censorship:0.5, in absentia:0.5, dissent*:0.9, ukrainian song:0.8, price tags:0.6',
    },
    {
      k: 'political',
      c: 'persecution_of_defenders',
      w: 1.2,
      cues: 'foreign agent*:1.3, undesirable:1.2, rights group*:1, human right*:0.8, rights defender*:1.2, rights monitor*:0.6, legal aid:0.6, =ngo:0.6, =ngos:0.6, election monitor*:0.8, watchdog*:0.5, =register:0.3, =labelled:0.5, =labeled:0.5',
    },
    {
      k: 'victim',
      w: 1,
      cues: 'activist*, journalist*:0.8, protest*:0.8, peaceful rally:1, rally:0.6, picket*, demonstrat*:0.6, lgbt*:0.9, =gay:0.9, queer:0.9, opposition:0.8, objector*, refus* to fight:1, refus* return front/4:1, refus* orders:0.8, refus* to sign/2 contract*:0.8, wives:0.3, relatives:0.3, civilian*:0.5, hostage*:0.8, migrant*:0.3, crimean tatar*:0.9, jehovah* witness*, pensioner*:0.3, teacher*:0.3, student*:0.2, poet*:0.4, artist*:0.4, musician*:0.4, volunteer*:0.5, conscript*:0.4, mobilised:0.3, mobilized:0.3, occupied:0.5, deputy:0.4, lawyer*:0.3, prisoner* of war:0.3',
    },
    {
      k: 'speech',
      w: 1,
      cues: '=post:0.6, =posts, comment*:0.8, video*:0.5, repost*, song*:0.8, graffiti, placard*, poster*:0.6, social media:0.5, verses:0.8, poem*:0.8, private chat:0.8, chat:0.4, donation*:0.6, shared posts, interview*:0.3, publication*:0.5, speech:0.4',
    },
    {
      k: 'action',
      w: 1,
      cues: 'sentenc*, convict*:0.8, =fined, =fines:0.5, charg*:0.6, prosecut*:0.8, criminal case:0.8, opened case/2:0.8, house arrest:0.8, search*:0.6, =seized:0.5, =jailed, =jail:0.8, wanted list:0.8, pre trial:0.6, interrogat*:0.6, disbarr*:0.8, placed under:0.4',
    },
    {
      k: 'actor',
      w: 1,
      cues: 'police:0.6, riot police, officer*:0.5, security service*:0.6, =fsb, security officer*:0.8, draft officer*:0.8, draft board:0.8, enlistment office*:0.8, military commissariat:0.8, recruitment officer*:0.7, military police, commander*:0.5, =guards:0.6, prison guard*, occupation authorit*, russian soldiers:0.6, justice ministry:0.8, prosecutor*:0.4, authorities:0.3, national guard:0.8, =tcc',
    },
    {
      k: 'custody',
      w: 1,
      cues: 'detention centre, detention center, detention facility, detention cell, pre trial detention, penal colony, prison*:0.6, =jail:0.6, basement*, =cell:0.6, police station:0.8, guardhouse, in custody, custody:0.8, solitary confinement, isolation cell, checkpoint*:0.4, warehouse:0.3, filtration camp*',
    },
    {
      k: 'crime',
      w: 1,
      cues: 'brib*:1.2, corrupt*, embezzl*:1.2, fraud*:1.2, murder*:1.2, stabb*, drug*, narcotic*, theft, steal*, =stole, =stolen, robber*, burglar*, drunk*:0.8, traffic accident, terror*:0.6, bomb*:0.8, explosive*:0.8, sabotage*:0.8, smuggl*:0.8, suspected of:0.5, intelligence agent*:0.8, =spy:0.8, plotting:0.6, shooting:0.6, on suspicion of:0.6',
    },
    {
      k: 'military',
      w: 1,
      cues: 'destroy*:0.8, shot down, air defen*, drone*:0.8, tank*:0.6, missile*:0.6, artillery:0.6, armoured vehicle*, armored vehicle*, attack*:0.5, assault*:0.5, counter attack*, offensive:0.8, front line:0.4, general staff:0.8, troops:0.5, exercise*:0.5, military aid, aid package, brigade*:0.3, exchang* prisoner*:1.2, prisoner* exchang*:1.2, captur* village, repelled, fighter jet*:0.8, ammunition:0.5, helicopter*:0.4, =nato:0.3, defence ministry:0.3, defense ministry:0.3, contract soldiers:0.3',
    },
    {
      k: 'admin',
      w: 1,
      cues: 'decree:0.8, signed decree/2:1.2, =bill:0.5, passed bill/2:1.2, =law:0.5, parliament:0.5, =duma:0.5, spring draft, autumn draft, calling up:0.8, compulsory military service:0.6, =join:0.6, =hiring, sign up, benefits:0.8, competitive pay, paid training, recruiting office, learn more, visit your, explainer:1.2, who qualifies, know your rights:1.2, your rights, deferment*:0.5, deferral*:0.5, veteran*:0.6, award*:0.6, medal*:0.6, ceremony:0.6, programme:0.4, program:0.4, housing:0.5, registration data:0.8, digital draft notice*, state services portal:0.8, analyst*:0.5, recruit*:0.6, estimated:0.3',
    },
    {
      k: 'neutral',
      w: 1,
      cues: 'match*:0.8, =goal:0.8, =goals:0.8, league:0.8, champion*:0.8, =final:0.4, knockout:0.8, boxer*, =title:0.3, =team:0.4, storm, weather, rain:0.8, snow*:0.8, wind*:0.6, forecast*, temperature*:0.6, key rate:1.2, central bank:0.8, inflation, oil price*, =opec, film festival, documentary:0.6, premier*:0.5, museum:0.8, exhibition:0.8, anniversar*:0.8, historian*, to mark:0.6, =flights:0.6, evacuat*:0.4, =fire:0.5, unharmed:0.5, burglaries:0.5, soviet*:0.8',
    },
    {
      k: 'denial',
      w: 1,
      cues: '=denied, =deny:0.8, =denies:0.8, staged:0.8, =fake:0.6, hoax:0.8, =not =confirmed, unfounded:0.8, =no =one detain*/3, =nobody detain*/3',
    },
  ],
};
