"""Places (พื้นที่) with official codes from geothai; CODI regions group provinces."""

from django.db import models


class Region(models.Model):
    """A CODI region (ภาค), configured in places/codi_regions.json."""

    code = models.CharField(max_length=8, primary_key=True)
    name_th = models.CharField(max_length=100)
    name_en = models.CharField(max_length=100)

    def __str__(self) -> str:
        return self.name_th


class Province(models.Model):
    """จังหวัด, 2-digit code."""

    code = models.CharField(max_length=2, primary_key=True)
    name_th = models.CharField(max_length=100)
    name_en = models.CharField(max_length=100)
    region = models.ForeignKey(Region, null=True, on_delete=models.SET_NULL, related_name="provinces")

    def __str__(self) -> str:
        return self.name_th


class District(models.Model):
    """อำเภอ/เขต, 4-digit code."""

    code = models.CharField(max_length=4, primary_key=True)
    name_th = models.CharField(max_length=100)
    name_en = models.CharField(max_length=100)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="districts")

    def __str__(self) -> str:
        return self.name_th


class Tambon(models.Model):
    """ตำบล/แขวง, 6-digit code."""

    code = models.CharField(max_length=6, primary_key=True)
    name_th = models.CharField(max_length=100)
    name_en = models.CharField(max_length=100)
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="tambons")
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="tambons")
    postal_code = models.CharField(max_length=5, blank=True)

    def __str__(self) -> str:
        return self.name_th
