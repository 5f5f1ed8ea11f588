"""Names of people and places, drawn with weights from Bình Gia's peoples (assumed shares)."""

from __future__ import annotations

import random
from itertools import accumulate


def _weighted(text: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """``"Nguyễn 30, Trần 10, Lê"`` -> names and cumulative weights (1 when not given)."""
    names, weights = [], []
    for item in text.split(","):
        parts = item.split()
        if parts and parts[-1].isdigit():
            names.append(" ".join(parts[:-1]))
            weights.append(int(parts[-1]))
        else:
            names.append(" ".join(parts))
            weights.append(1)
    return tuple(names), tuple(accumulate(weights))


# Bình Gia's five main peoples (langson.gov.vn: Nùng, Tày, Kinh, Dao, Hoa; a Nùng-Tày culture);
# the shares are an assumption.
ETHNIC_GROUPS = _weighted("Tày 50, Nùng 34, Kinh 9, Dao 6, Hoa 1")
SURNAMES: dict[str, tuple[tuple[str, ...], tuple[int, ...]]] = {
    "Tày": _weighted(
        "Hoàng 15, Nông 12, Lương 10, Vi 8, Hà 6, Lộc 6, Chu 5, Đinh 5, Nguyễn 5, Lăng 4, Bế 4, "
        "Lành 3, Mã 3, Hứa 3, Dương 3, Lâm 3, Đàm 3, Lục 3, Ma 2, Tô 2, Triệu 2, Vy 2, Linh 2"
    ),
    "Nùng": _weighted(
        "Hoàng 10, Vi 8, Lương 6, Lý 6, Nông 6, Chu 4, Lục 4, Mông 3, Hứa 3, Triệu 3, La 3, "
        "Lộc 3, Sầm 2, Lô 2, Lành 2"
    ),
    "Kinh": _weighted(
        "Nguyễn 30, Trần 10, Lê 9, Phạm 7, Hoàng 5, Vũ 4, Đặng 3, Bùi 3, Đỗ 3, Hồ 2, Ngô 2, "
        "Dương 2, Lý 1, Phan 2, Đào 2"
    ),
    "Dao": _weighted("Triệu 12, Bàn 8, Đặng 6, Lý 5, Phùng 4, Chu 2, Dương 2"),
    "Hoa": _weighted("Lưu 3, Trương 3, Lâm 2, Hoàng 2, Lý 2, Tăng"),
}
MIDDLE_NAMES = {
    "M": _weighted(
        "Văn 60, Đức 8, Minh 6, Quang 5, Hữu 5, Xuân 4, Thanh 4, Ngọc 3, Trung 3, "
        "Mạnh 2, Hoàng 2, Đình 2"
    ),
    "F": _weighted("Thị 70, Thu 5, Thanh 5, Ngọc 4, Hồng 4, Kim 3, Minh 3, Bích 2, Phương 2"),
}
GIVEN_NAMES = {
    "M": _weighted(
        "An, Bằng, Bình, Chiến, Chung, Công, Cường, Dũng, Duy, Đạt, Điệp, Định, Đông, Đức, "
        "Giang, Hải, Hiếu, Hòa, Hoàn, Hùng, Huy, Khánh, Khoa, Kiên, Lâm, Linh, Long, Lực, "
        "Mạnh, Minh, Nam, Nghĩa, Ninh, Phong, Phúc, Quân, Quang, Quyết, Sơn, Sỹ, Tài, Tâm, "
        "Thắng, Thành, Thịnh, Thọ, Thuận, Tiến, Toàn, Trọng, Trung, Trường, Tuấn, Tùng, "
        "Tuyên, Việt, Vinh, Vũ, Xuân, Đựng, Thụ, Hưởng, Chương, Quế"
    ),
    "F": _weighted(
        "Anh, Ánh, Bích, Chang, Chinh, Dung, Duyên, Giang, Hà, Hạnh, Hằng, Hiền, Hoa, Hoài, "
        "Hồng, Huệ, Hương, Hường, Huyền, Lan, Liên, Liễu, Linh, Loan, Lụa, Mai, Miên, Nga, "
        "Ngân, Nguyệt, Nhàn, Nhung, Oanh, Phượng, Quyên, Sen, Tâm, Thảo, Thoa, Thơm, Thu, "
        "Thủy, Thương, Trang, Tuyết, Uyên, Vân, Xuân, Yến, Lừu"
    ),
}


def _pick(rng: random.Random, table: tuple[tuple[str, ...], tuple[int, ...]]) -> str:
    names, cumulative = table
    return rng.choices(names, cum_weights=cumulative)[0]


def person_name(rng: random.Random, sex: str) -> tuple[str, bool]:
    """A full name (surname, middle, given) and whether the person belongs to an ethnic minority."""
    group = _pick(rng, ETHNIC_GROUPS)
    surname = _pick(rng, SURNAMES[group])
    middle, given = _pick(rng, MIDDLE_NAMES[sex]), _pick(rng, GIVEN_NAMES[sex])
    return f"{surname} {middle} {given}", group != "Kinh"


_PLACE_SYLLABLES = (
    "An",
    "Bình",
    "Hòa",
    "Hưng",
    "Phú",
    "Tân",
    "Thành",
    "Thiện",
    "Hồng",
    "Quang",
    "Minh",
    "Vĩnh",
    "Yên",
    "Đồng",
    "Phúc",
    "Lộc",
    "Tiến",
    "Thắng",
    "Trung",
    "Nghĩa",
    "Sơn",
    "Long",
    "Hải",
    "Xuân",
    "Đức",
    "Thịnh",
    "Lợi",
    "Lạc",
    "Mỹ",
    "Thuận",
    "Khánh",
    "Cường",
    "Văn",
    "Thái",
    "Quý",
    "Hoa",
    "Tú",
    "Mai",
    "Châu",
    "Lâm",
)
_PLACE_NAMES = tuple(f"{a} {b}" for a in _PLACE_SYLLABLES for b in _PLACE_SYLLABLES if a != b)


def place_names(rng: random.Random, count: int) -> list[str]:
    """``count`` distinct two-syllable place names (numbered once the combinations run out)."""
    if count <= len(_PLACE_NAMES):
        return rng.sample(_PLACE_NAMES, count)
    size = len(_PLACE_NAMES)
    return [f"{_PLACE_NAMES[i % size]} {i // size + 1}" for i in range(count)]
