"""Pinyin syllables: the inventory of Standard Mandarin and a splitter, pure string work.

Kept apart from :mod:`glossary.pinyin` so that lookup and extraction can parse pinyin
without importing the conversion machinery.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

TYPE_CHECKING = False  # not typing's: a lookup never imports typing (docs/scale.md)
if TYPE_CHECKING:
    from typing import Any

# The toneless syllables of Standard Mandarin (``ü`` written ``v``), with the interjections
# CC-CEDICT uses (m, n, ng, hm, hng).
_SYLLABLE_TEXT = """
    a ai an ang ao ba bai ban bang bao bei ben beng bi bian biang biao bie bin bing bo bu
    ca cai can cang cao ce cen ceng cha chai chan chang chao che chen cheng chi chong chou
    chu chua chuai chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan
    dang dao de dei den deng di dia dian diao die ding diu dong dou du duan dui dun duo e ei
    en eng er fa fan fang fei fen feng fiao fo fou fu ga gai gan gang gao ge gei gen geng
    gong gou gu gua guai guan guang gui gun guo ha hai han hang hao he hei hen heng hm hng
    hong hou hu hua huai huan huang hui hun huo ji jia jian jiang jiao jie jin jing jiong
    jiu ju juan jue jun ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang
    kui kun kuo la lai lan lang lao le lei leng li lia lian liang liao lie lin ling liu lo
    long lou lu luan lun luo lv lve m ma mai man mang mao me mei men meng mi mian miao mie
    min ming miu mo mou mu n na nai nan nang nao ne nei nen neng ng ni nian niang niao nie
    nin ning niu nong nou nu nuan nun nuo nv nve o ou pa pai pan pang pao pei pen peng pi
    pian piao pie pin ping po pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu quan
    que qun ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo sa sai san sang sao
    se sei sen seng sha shai shan shang shao she shei shen sheng shi shou shu shua shuai
    shuan shuang shui shun shuo si song sou su suan sui sun suo ta tai tan tang tao te tei
    teng ti tian tiao tie ting tong tou tu tuan tui tun tuo wa wai wan wang wei wen weng wo
    wu xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ya yan yang yao ye yi
    yin ying yo yong you yu yuan yue yun za zai zan zang zao ze zei zen zeng zha zhai zhan
    zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo
    zi zong zou zu zuan zui zun zuo
"""
#: The syllables of Standard Mandarin, toneless, ``ü`` as ``v``.
SYLLABLES = frozenset(_SYLLABLE_TEXT.split())


def best_split(
    n: int,
    fits: Callable[[int, int], bool],
    longest: int,
    cost: Callable[[list[tuple[int, int]]], Any] = len,
) -> list[tuple[int, int]] | None:
    """The cheapest cut of ``range(n)`` into spans ``(i, j)`` that ``fits`` accepts, each at
    most ``longest`` long (dynamic programming; default cost: fewest spans), or None.

    >>> best_split(4, lambda i, j: "xian"[i:j] in {"xi", "an", "xian"}, 6)
    [(0, 4)]
    """
    best: list[list[tuple[int, int]] | None] = [None] * (n + 1)
    best[0] = []
    for i in range(n):
        prefix = best[i]
        if prefix is None:
            continue
        for j in range(min(n, i + longest), i, -1):
            if not fits(i, j):
                continue
            cand = [*prefix, (i, j)]
            current = best[j]
            if current is None or cost(cand) < cost(current):
                best[j] = cand
    return best[n]


@functools.cache
def split_syllables(letters: str) -> tuple[str, ...] | None:
    """Split toneless lower-case letters into Mandarin syllables (fewest pieces), or None.

    >>> split_syllables("xinxianquan"), split_syllables("james")
    (('xin', 'xian', 'quan'), None)
    """
    spans = best_split(len(letters), lambda i, j: letters[i:j] in SYLLABLES, 6)
    return None if spans is None else tuple(letters[i:j] for i, j in spans)
