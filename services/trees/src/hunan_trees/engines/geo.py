"""Geometry of habitat zones: GeoJSON in and out (WGS84 lon/lat), metric buffers in UTM 49N (EPSG:32649)."""

from __future__ import annotations

from typing import Any

import shapely
from pyproj import Transformer
from shapely.geometry import MultiPolygon, Point, Polygon, mapping, shape
from shapely.geometry.base import BaseGeometry

# Hunan lies within 24.6–30.2°N, 108.7–114.3°E; a small margin keeps border trees valid.
HUNAN_BBOX = (108.6, 24.5, 114.4, 30.3)  # lon_min, lat_min, lon_max, lat_max
MAX_SITE_VERTICES = 20_000

_TO_UTM = Transformer.from_crs("EPSG:4326", "EPSG:32649", always_xy=True)
_TO_WGS84 = Transformer.from_crs("EPSG:32649", "EPSG:4326", always_xy=True)


def inside_hunan(lon: float, lat: float) -> bool:
    lon_min, lat_min, lon_max, lat_max = HUNAN_BBOX
    return lon_min <= lon <= lon_max and lat_min <= lat <= lat_max


def to_utm(geometry: BaseGeometry) -> BaseGeometry:
    return shapely.transform(geometry, _TO_UTM.transform, interleaved=False)


def to_wgs84(geometry: BaseGeometry) -> BaseGeometry:
    return shapely.transform(geometry, _TO_WGS84.transform, interleaved=False)


def _check_ring(ring: Any, where: str) -> None:
    """RFC 7946 §3.1.6: a linear ring is a closed list of four or more [longitude, latitude] positions."""
    if not isinstance(ring, list) or len(ring) < 4:
        raise ValueError(f"{where}: a linear ring needs at least 4 positions")
    for position in ring:
        if (
            not isinstance(position, list)
            or len(position) not in (2, 3)
            or not all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in position)
        ):
            raise ValueError(f"{where}: each position is [longitude, latitude] with numbers")
    if ring[0] != ring[-1]:
        raise ValueError(f"{where}: a linear ring must be closed (first position = last)")


def _check_structure(geojson: dict) -> None:
    """Reject what shapely would silently repair (unclosed rings, strings as coordinates)."""
    polygons = [geojson.get("coordinates")] if geojson["type"] == "Polygon" else geojson.get("coordinates")
    if not isinstance(polygons, list) or not polygons:
        raise ValueError("coordinates must be a non-empty list")
    for i, rings in enumerate(polygons):
        if not isinstance(rings, list) or not rings:
            raise ValueError(f"polygon {i}: coordinates must be a non-empty list of rings")
        for j, ring in enumerate(rings):
            _check_ring(ring, f"polygon {i} ring {j}")


def parse_area(geojson: Any) -> Polygon | MultiPolygon:
    """A GeoJSON Polygon or MultiPolygon inside Hunan, valid and not empty; ValueError otherwise."""
    if not isinstance(geojson, dict) or geojson.get("type") not in ("Polygon", "MultiPolygon"):
        raise ValueError("expected a GeoJSON geometry of type Polygon or MultiPolygon")
    _check_structure(geojson)
    try:
        geometry = shape(geojson)
    except Exception as exc:  # noqa: BLE001 - shapely raises several types for malformed coordinates
        raise ValueError(f"malformed GeoJSON coordinates: {exc}") from None
    if geometry.is_empty:
        raise ValueError("the polygon is empty")
    if shapely.get_num_coordinates(geometry) > MAX_SITE_VERTICES:
        raise ValueError(f"the polygon has more than {MAX_SITE_VERTICES} vertices")
    if not geometry.is_valid:
        raise ValueError(f"invalid polygon: {shapely.is_valid_reason(geometry)}")
    lon_min, lat_min, lon_max, lat_max = geometry.bounds
    if not (inside_hunan(lon_min, lat_min) and inside_hunan(lon_max, lat_max)):
        raise ValueError("the polygon lies (partly) outside Hunan; coordinates are [longitude, latitude] in WGS84")
    return geometry


def zone_around_point(lon: float, lat: float, radius_m: float) -> Polygon:
    """A circle of `radius_m` metres around a point, computed in UTM and returned in WGS84."""
    return to_wgs84(to_utm(Point(lon, lat)).buffer(radius_m, quad_segs=16))


def zone_around_area(area: Polygon | MultiPolygon, margin_m: float) -> BaseGeometry:
    """The area grown by `margin_m` metres (e.g. the crown projection plus the statutory margin)."""
    return to_wgs84(to_utm(area).buffer(margin_m, quad_segs=16))


def distance_m(a: BaseGeometry, b: BaseGeometry) -> float:
    return to_utm(a).distance(to_utm(b))


def as_geojson(geometry: BaseGeometry) -> dict[str, Any]:
    return mapping(geometry)


def from_wkt(wkt: str) -> BaseGeometry:
    return shapely.from_wkt(wkt)


def point(lon: float, lat: float) -> Point:
    return Point(lon, lat)
