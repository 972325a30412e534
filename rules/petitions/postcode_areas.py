"""The UK's postcode areas, each with the region and nation it mainly lies in.

Regions are England's nine ITL1 regions plus Wales, Scotland and Northern
Ireland, which ITL1 treats as one region each. Their codes are the ONS GSS
codes (``E12000001``..``E12000009`` for England's regions, the country codes
for the other three nations), so they stay stable and match ONS tables.

An area (the letters before the first digit) is mapped to the region holding
most of its residents, because petitions count people, not land. The areas
that straddle a border are marked ``# cross-border`` below with where the rest
lies; a signer in the minority part is counted in the majority region. That is
the price of asking only for a postcode: breakdowns by region are approximate
at borders, and published breakdowns should say so.

The Crown dependencies (Guernsey ``GY``, Jersey ``JE``, Isle of Man ``IM``)
use Royal Mail postcodes but are not part of the UK and are in no ITL region,
so they are not in ``AREA_REGIONS``; ``CROWN_DEPENDENCY_AREAS`` maps each to
its ISO 3166-1 code, and a signer there is counted as living in that country.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Nation:
    """One of the four nations of the UK."""

    code: str
    name: str


@dataclass(frozen=True)
class Region:
    """An ITL1 region: one of England's nine, or a whole nation outside England."""

    code: str
    name: str
    nation: Nation


ENGLAND = Nation("E92000001", "England")
WALES = Nation("W92000004", "Wales")
SCOTLAND = Nation("S92000003", "Scotland")
NORTHERN_IRELAND = Nation("N92000002", "Northern Ireland")

NATIONS: tuple[Nation, ...] = (ENGLAND, WALES, SCOTLAND, NORTHERN_IRELAND)

NORTH_EAST = Region("E12000001", "North East", ENGLAND)
NORTH_WEST = Region("E12000002", "North West", ENGLAND)
YORKSHIRE = Region("E12000003", "Yorkshire and The Humber", ENGLAND)
EAST_MIDLANDS = Region("E12000004", "East Midlands", ENGLAND)
WEST_MIDLANDS = Region("E12000005", "West Midlands", ENGLAND)
EAST_OF_ENGLAND = Region("E12000006", "East of England", ENGLAND)
LONDON = Region("E12000007", "London", ENGLAND)
SOUTH_EAST = Region("E12000008", "South East", ENGLAND)
SOUTH_WEST = Region("E12000009", "South West", ENGLAND)
WALES_REGION = Region("W92000004", "Wales", WALES)
SCOTLAND_REGION = Region("S92000003", "Scotland", SCOTLAND)
NORTHERN_IRELAND_REGION = Region("N92000002", "Northern Ireland", NORTHERN_IRELAND)

# The order ONS uses in its own tables, so published breakdowns read familiarly.
REGIONS: tuple[Region, ...] = (
    NORTH_EAST,
    NORTH_WEST,
    YORKSHIRE,
    EAST_MIDLANDS,
    WEST_MIDLANDS,
    EAST_OF_ENGLAND,
    LONDON,
    SOUTH_EAST,
    SOUTH_WEST,
    WALES_REGION,
    SCOTLAND_REGION,
    NORTHERN_IRELAND_REGION,
)

AREA_REGIONS: dict[str, Region] = {
    "AB": SCOTLAND_REGION,
    "AL": EAST_OF_ENGLAND,
    "B": WEST_MIDLANDS,
    "BA": SOUTH_WEST,
    "BB": NORTH_WEST,
    "BD": YORKSHIRE,
    "BH": SOUTH_WEST,  # cross-border: the New Forest edge is in Hampshire (South East)
    "BL": NORTH_WEST,
    "BN": SOUTH_EAST,
    "BR": LONDON,  # cross-border: Swanley (BR8) is in Kent (South East)
    "BS": SOUTH_WEST,
    "BT": NORTHERN_IRELAND_REGION,
    "CA": NORTH_WEST,
    "CB": EAST_OF_ENGLAND,
    "CF": WALES_REGION,
    "CH": NORTH_WEST,  # cross-border: Deeside and Flintshire (CH5-CH8) are in Wales
    "CM": EAST_OF_ENGLAND,
    "CO": EAST_OF_ENGLAND,
    "CR": LONDON,  # cross-border: Caterham and Warlingham (CR3, CR6) are in Surrey
    "CT": SOUTH_EAST,
    "CV": WEST_MIDLANDS,
    "CW": NORTH_WEST,
    # cross-border: Bexley (London) and Dartford/Gravesend (Kent) are near equal;
    # the post town, Dartford, and most of the land are in Kent.
    "DA": SOUTH_EAST,
    "DD": SCOTLAND_REGION,
    "DE": EAST_MIDLANDS,  # cross-border: Burton upon Trent (DE13-DE15) is West Midlands
    "DG": SCOTLAND_REGION,
    "DH": NORTH_EAST,
    "DL": NORTH_EAST,  # cross-border: Northallerton and Richmond (DL6-DL11) are Yorkshire
    "DN": YORKSHIRE,  # cross-border: Gainsborough and Retford (DN21, DN22) are East Midlands
    "DT": SOUTH_WEST,
    "DY": WEST_MIDLANDS,
    "E": LONDON,
    "EC": LONDON,
    "EH": SCOTLAND_REGION,
    "EN": LONDON,  # cross-border: Potters Bar to Hoddesdon (EN6-EN11) are East of England
    "EX": SOUTH_WEST,
    "FK": SCOTLAND_REGION,
    "FY": NORTH_WEST,
    "G": SCOTLAND_REGION,
    "GL": SOUTH_WEST,
    "GU": SOUTH_EAST,
    "HA": LONDON,
    "HD": YORKSHIRE,
    "HG": YORKSHIRE,
    "HP": SOUTH_EAST,  # cross-border: Hemel Hempstead and Berkhamsted are East of England
    "HR": WEST_MIDLANDS,  # cross-border: Hay-on-Wye (HR3) and land west of Kington are in Wales
    "HS": SCOTLAND_REGION,
    "HU": YORKSHIRE,
    "HX": YORKSHIRE,
    "IG": LONDON,  # cross-border: Chigwell and Loughton (IG7, IG9, IG10) are in Essex
    "IP": EAST_OF_ENGLAND,
    "IV": SCOTLAND_REGION,
    "KA": SCOTLAND_REGION,
    "KT": SOUTH_EAST,  # cross-border: Kingston and Surbiton (KT1-KT9) are London
    "KW": SCOTLAND_REGION,
    "KY": SCOTLAND_REGION,
    "L": NORTH_WEST,
    "LA": NORTH_WEST,  # cross-border: parts of LA2 and LA6 are in North Yorkshire
    "LD": WALES_REGION,  # cross-border: edges of Knighton (LD7) are in Shropshire
    "LE": EAST_MIDLANDS,
    "LL": WALES_REGION,
    "LN": EAST_MIDLANDS,
    "LS": YORKSHIRE,
    "LU": EAST_OF_ENGLAND,
    "M": NORTH_WEST,
    "ME": SOUTH_EAST,
    "MK": SOUTH_EAST,  # cross-border: Bedford (MK40-MK45) is East of England
    "ML": SCOTLAND_REGION,
    "N": LONDON,
    "NE": NORTH_EAST,
    "NG": EAST_MIDLANDS,
    "NN": EAST_MIDLANDS,
    "NP": WALES_REGION,  # cross-border: a few villages on the edge are in Herefordshire
    "NR": EAST_OF_ENGLAND,
    "NW": LONDON,
    "OL": NORTH_WEST,  # cross-border: Todmorden (OL14) is in Yorkshire
    "OX": SOUTH_EAST,
    "PA": SCOTLAND_REGION,
    "PE": EAST_OF_ENGLAND,  # cross-border: Boston, Spalding, Stamford are East Midlands
    "PH": SCOTLAND_REGION,
    "PL": SOUTH_WEST,
    "PO": SOUTH_EAST,
    "PR": NORTH_WEST,
    "RG": SOUTH_EAST,
    "RH": SOUTH_EAST,
    "RM": LONDON,  # cross-border: Thurrock (RM15-RM20) is East of England
    "S": YORKSHIRE,  # cross-border: Chesterfield and Worksop are East Midlands
    "SA": WALES_REGION,
    "SE": LONDON,
    "SG": EAST_OF_ENGLAND,
    "SK": NORTH_WEST,  # cross-border: Glossop and Buxton are in Derbyshire (East Midlands)
    "SL": SOUTH_EAST,
    "SM": LONDON,  # cross-border: Banstead (SM7) is in Surrey
    "SN": SOUTH_WEST,  # cross-border: Faringdon (SN7) is in Oxfordshire (South East)
    "SO": SOUTH_EAST,
    "SP": SOUTH_WEST,  # cross-border: Andover (SP10, SP11) is in Hampshire (South East)
    "SR": NORTH_EAST,
    "SS": EAST_OF_ENGLAND,
    "ST": WEST_MIDLANDS,
    "SW": LONDON,
    # cross-border: SY15-SY25 (Welshpool to Aberystwyth) are in Wales; Shropshire
    # (SY1-SY14) holds most of the area's residents, though less of its land.
    "SY": WEST_MIDLANDS,
    "TA": SOUTH_WEST,
    "TD": SCOTLAND_REGION,  # cross-border: Berwick-upon-Tweed (TD15) is in the North East
    "TF": WEST_MIDLANDS,
    "TN": SOUTH_EAST,
    "TQ": SOUTH_WEST,
    "TR": SOUTH_WEST,
    "TS": NORTH_EAST,  # cross-border: Stokesley and Staithes are in North Yorkshire
    "TW": LONDON,  # cross-border: Staines to Shepperton (TW15-TW20) are in Surrey
    "UB": LONDON,
    "W": LONDON,
    "WA": NORTH_WEST,
    "WC": LONDON,
    "WD": EAST_OF_ENGLAND,
    "WF": YORKSHIRE,
    "WN": NORTH_WEST,
    "WR": WEST_MIDLANDS,
    "WS": WEST_MIDLANDS,
    "WV": WEST_MIDLANDS,
    "YO": YORKSHIRE,
    "ZE": SCOTLAND_REGION,
}

# Postcode area -> ISO 3166-1 alpha-2 code of the Crown dependency it serves.
CROWN_DEPENDENCY_AREAS: dict[str, str] = {
    "GY": "GG",  # Guernsey, with Alderney and Sark
    "JE": "JE",  # Jersey
    "IM": "IM",  # Isle of Man
}
