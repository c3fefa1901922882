"""Built-in context words for brand names that are also ordinary words.

Written after reading the 323 hand-labelled real cases in ``labels/ambiguity.tsv`` (SemEval,
TweetEval and VADER texts) plus general knowledge of each brand. A cue ending in ``*`` matches
any word starting with it; a cue with a space matches as a phrase. ``prior`` is the verdict when
the context says nothing: "apple" on social media is mostly the company, "target" mostly not.
``before_other`` / ``after_other`` are words right next to the name that mark the other sense
("an apple", "target audience", "I dove into").
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["GENERIC_COMPANY", "SENSES", "Sense"]


@dataclass(frozen=True)
class Sense:
    """Context evidence for one ambiguous name."""

    company: tuple[str, ...]
    other: tuple[str, ...]
    prior: bool
    before_other: tuple[str, ...] = ()
    after_other: tuple[str, ...] = ()
    before_company: tuple[str, ...] = ()


def _w(text: str) -> tuple[str, ...]:
    return tuple(w.replace("_", " ") for w in text.split())


#: Words that point to a company whatever its name.
GENERIC_COMPANY = _w(
    "ceo inc corp stock* shares investor* customer* app apps launch* announc* product* brand company "
    "ordered order* shipping shipped deliver* refund* store stores retail* sale sales deal deals discount* "
    "coupon* ad advert* sponsor* boycott* employee* hiring headquarters hq nasdaq nyse"
)

SENSES: dict[str, Sense] = {
    "apple": Sense(
        company=_w(
            "iphone* ipad* ipod* mac macbook* imac ios watch tv keynote event siri icloud itunes aapl "
            "tim_cook steve_jobs jobs samsung google microsoft android iwatch airpod* device* tech "
            "music pay maps osx safari"
        ),
        other=_w(
            "pie pies juice cider tree trees orchard* fruit* eat ate eating banana* pear* cart sauce "
            "crumble caramel cinnamon apples seed* green_apple red_apple shower gel scent* smell* "
            "glazed peel* bite recipe* baked bake a_day pigs mouth"
        ),
        prior=True,
        before_other=_w("an ascetic interim candy caramel toffee glazed green red rotten baked"),
        after_other=_w("pie pies juice cider tree trees orchard sauce crumble cart a"),
    ),
    "amazon": Sense(
        company=_w(
            "prime kindle alexa echo aws review* seller* buy* bought purchas* book* release* available "
            "shop* warehouse* bezos return* gift instant video ebook* order* deliver* package* cart "
            "listed fire tablet* music reviewer*"
        ),
        other=_w(
            "river rainforest rain_forest forest* basin jungle brazil* tribe* deforestation warrior* "
            "amazonian fires burning peru* indigenous wildlife"
        ),
        prior=True,
        before_other=_w("the_mighty"),
        after_other=_w("river rainforest rain basin jungle warrior warriors tribe tribes"),
    ),
    "target": Sense(
        company=_w(
            "store shopping shop* bought buy* aisle* cart cashier checkout redcard walmart kmart costco "
            "black_friday deals clearance target_run starbucks bullseye employee* "
            "target.com"
        ),
        other=_w(
            "audience* market demographic* practice list goal* aim* shot* acquired attack* missile* "
            "field center centre deficit budget victim* enemy* terror* isis military bomb* drone* "
            "nuclear rape hit hitting missed missing hits targeted targeting targets antifa satir* "
            "film movie comedy"
        ),
        prior=False,
        before_other=_w(
            "a the their its his her our my your easy prime main first 1st 2nd 3rd 6th popular "
            "convenient permitted discernible satiric comedic january december off on modest harder"
        ),
        after_other=_w(
            "audience audiences market demographic demographics practice list of for acquired field center "
            "centre the a an them their those these specific"
        ),
        before_company=_w("at to from"),
    ),
    "dove": Sense(
        company=_w(
            "soap* body_wash beauty bar shampoo* deodorant* chocolate* wrapper* skin* moistur* "
            "real_beauty men+care unilever lotion* conditioner*"
        ),
        other=_w("bird* peace white_dove wings fly flying pigeon* coo* niki band festival performance"),
        prior=False,
        before_other=_w("i he she we they you almost just then and white the"),
        after_other=_w("into in off under through down to at for"),
    ),
    "orange": Sense(
        company=_w(
            "mobile network telecom* signal broadband contract sim bill* cheque* phone* 4g 5g coverage "
            "customer_service"
        ),
        other=_w(
            "juice color colour county bowl jumpsuit* sun peel tree* lemon* marmalade blood bright "
            "agent city hair glowing shade striping black_and_orange wear"
        ),
        prior=False,
        before_other=_w("an the agent blood bright"),
        after_other=_w("juice county bowl jumpsuit peel tree trees"),
    ),
    "subway": Sense(
        company=_w(
            "sandwich* footlong* eat_fresh jared restaurant* counter meatball* lunch sub subs "
            "customers job feedback"
        ),
        other=_w(
            "station* train* line car cars ride* riding rider* platform* track* turnstile* token "
            "transit mta commut* tunnel* entrance* exit* seat* graffiti tram nyc new_york underground "
            "booth* bridge*"
        ),
        prior=False,
        before_other=_w("the a new york"),
        after_other=_w("station stations line lines car cars riders platform platforms track turnstile"),
    ),
    "shell": Sense(
        company=_w(
            "oil gas petrol fuel drilling arctic chevron bp exxon royal_dutch anglo-dutch energy "
            "refiner* pipeline*"
        ),
        other=_w(
            "shell_out half_shell ghost_in_the_shell taco egg* turtle* sea beach command script* bash "
            "your_shell empty_shell shell_game shell_games hall"
        ),
        prior=False,
        before_other=_w("a an the your his her my half hard empty cinematic"),
        after_other=_w("out games game command script walk hall"),
    ),
    "puma": Sense(
        company=_w("shoe* sneaker* trainer* bts kit boots adidas nike sportswear jersey* tracksuit"),
        other=_w("cat wild mountain_lion cougar* zoo"),
        prior=True,
        after_other=_w("party"),
    ),
    "jaguar": Sense(
        company=_w("car cars land_rover xf xj xe f-type e-type dealer* drive* luxury suv motor*"),
        other=_w("guitar* fender animal* cat* team polo jaguars jungle zoo"),
        prior=False,
    ),
    "corona": Sense(
        company=_w("beer* lime bottle* cerveza drink*"),
        other=_w("virus coronavirus covid* solar discharge queens california"),
        prior=False,
    ),
    "blackberry": Sense(
        company=_w(
            "phone* rim bold curve torch playbook bbm device* smartphone* classic android iphone ios "
            "server app*"
        ),
        other=_w("jam pie bush* fruit* picking berries bramble* smoothie*"),
        prior=True,
        after_other=_w("jam pie bush"),
    ),
    "oracle": Sense(
        company=_w("database* java sun solaris sql cloud ellison erp certif* mysql software"),
        other=_w("delphi prophe* greek myth* temple tarot"),
        prior=True,
    ),
}
