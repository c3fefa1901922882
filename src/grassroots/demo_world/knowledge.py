"""The demo brand's knowledge base: the FAQ, product catalogue and campaign terms Lumenleaf gives its
assistant, as the Markdown files ``grassroots assistant kb add`` reads (``docs/formats.md``).

Fixed text (no randomness): ``make demo`` writes these files and adds them; ``bench.assistant``
asks its question set (``bench/assistant/questions.jsonl``, written before the assistant) against
them. Separate from the generated world files, which stay as they are.

>>> files = knowledge_base_files()
>>> sorted(files)
['lumenleaf-faq.md', 'lumenleaf-products.md', 'lumenleaf-terms.md']
>>> files["lumenleaf-products.md"].count("\\n## ")
6
"""

from __future__ import annotations

from grassroots.demo_world.brand import PRODUCTS

__all__ = ["knowledge_base_files"]

_FAQ = """# Lumenleaf customer FAQ
kind: faq

## How long does delivery take?
Orders placed before 2 pm ship the same working day. Standard delivery takes 2 to 4 working days in the
United States and 5 to 9 working days to Canada, the UK and the EU.

## How much does shipping cost?
Shipping is free on orders over $40 in the United States. Below that, standard shipping costs $4.95.
International shipping costs $12.

## Do you ship outside the United States?
Yes. We ship to Canada, the United Kingdom and every country of the European Union. We do not ship to
other countries yet.

## Can I return a product?
You can return any product within 30 days of delivery, opened or not, for a full refund. Email
returns@lumenleaf.example with your order number and we send a prepaid return label.

## How long does a refund take?
Refunds are paid to the original payment method within 5 working days of the return reaching our
warehouse.

## Are your products vegan and cruelty-free?
All Lumenleaf products are vegan and cruelty-free. We never test on animals and our suppliers do not
either; we are certified by Leaping Bunny.

## Are your products suitable for sensitive skin?
Our products are fragrance-free except the Rose Clay Mask, and are dermatologist tested. If you have
very sensitive skin, try a small amount on your inner arm for 48 hours first.

## Is the packaging recyclable?
Our jars are glass and our tubes are made from 80% recycled plastic; both can be recycled at home. Soap
bars come wrapped in recycled paper.

## How do I track my order?
When your order ships we email you a tracking link. You can also see the status under My orders in
your Lumenleaf account.

## Can I change or cancel my order?
You can change or cancel an order within one hour of placing it from My orders. After that it is
being packed and can no longer be changed.
"""

_DESCRIPTIONS = {
    "Glow Serum": "A lightweight vitamin C and niacinamide serum for dull skin. Use two drops morning "
    "and evening on clean skin. 30 ml.",
    "Oat Milk Bar": "A gentle soap bar with colloidal oat and oat milk for dry and itchy skin, "
    "suitable for face and body. 110 g.",
    "Cloud Cream": "A whipped daily moisturiser with squalane and ceramides. Absorbs quickly and "
    "suits every skin type. 50 ml.",
    "Rose Clay Mask": "A pink clay mask with rose water that cleans pores. Leave on for ten minutes "
    "once or twice a week. Contains a natural rose scent. 75 ml.",
    "Night Balm": "A rich overnight balm with bakuchiol, a plant alternative to retinol, that "
    "smooths fine lines while you sleep. 30 ml.",
    "Daily SPF 30": "A mineral sunscreen with zinc oxide, broad spectrum SPF 30, that leaves no white "
    "cast. Reapply every two hours in the sun. 50 ml.",
}

_TERMS = """# Lumenleaf advocate programme terms
kind: terms

## Who can join the advocate programme?
Anyone aged 18 or over who lives in a country we ship to and has bought or been given a Lumenleaf
product can join. Lumenleaf employees and their households cannot take part.

## What do advocates receive?
Advocates receive a free full-size product of their choice and a personal discount code that gives
their friends 15% off their first order.

## Do advocates have to post about the product?
No. Posting is never required to keep a free product. If you do post about a product you received
for free, you must say so clearly, for example with #ad or #gifted.

## How are advocate points earned and used?
Advocates earn one point for every order placed with their code. 10 points can be exchanged for any
full-size product. Points expire 12 months after they were earned.

## How do I leave the advocate programme?
You can leave at any time with the unsubscribe link in any of our emails or by writing to
advocates@lumenleaf.example. We then stop contacting you and delete your programme data.
"""


def _products() -> str:
    lines = ["# Lumenleaf product catalogue", "kind: product", ""]
    for name, sku, price in PRODUCTS:
        lines += [f"## {name}", f"{_DESCRIPTIONS[name]} Price ${price:.2f} (SKU {sku}).", ""]
    return "\n".join(lines)


def knowledge_base_files() -> dict[str, str]:
    """File name -> Markdown text of the demo brand's knowledge base."""
    return {
        "lumenleaf-faq.md": _FAQ,
        "lumenleaf-products.md": _products(),
        "lumenleaf-terms.md": _TERMS,
    }
